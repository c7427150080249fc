package io.aftersales.ticket.api;

/** The sales platform a store runs on; platform after-sales ids are unique only within one platform. */
public enum Platform {
    TAOBAO, TMALL, JD, PINDUODUO, DOUYIN, OTHER
}
