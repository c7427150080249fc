package io.aftersales.refund.api;

/**
 * Who decided the refund was paid: the seller (an agreement, then our payout request) or the
 * platform, which auto-approved after the seller's deadline passed ("PAID by platform").
 */
public enum PaymentDecider {
    SELLER, PLATFORM
}
