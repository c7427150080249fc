package io.aftersales.refund.api;

/** The sales platform a store runs on; platform refund ids are unique only within one platform. */
public enum Platform {
    TAOBAO, TMALL, JD, PINDUODUO, DOUYIN, OTHER
}
