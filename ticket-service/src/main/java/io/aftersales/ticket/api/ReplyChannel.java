package io.aftersales.ticket.api;

/** How a reply reached the buyer. */
public enum ReplyChannel {
    PLATFORM_CHAT, PHONE, SMS, WECHAT
}
