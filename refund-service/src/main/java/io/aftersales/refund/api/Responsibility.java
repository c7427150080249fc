package io.aftersales.refund.api;

/** 责任方, as the ticket decided it: the seller at fault reimburses the buyer's return postage. */
public enum Responsibility {
    SELLER, COURIER, BUYER
}
