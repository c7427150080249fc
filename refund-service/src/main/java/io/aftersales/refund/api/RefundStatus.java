package io.aftersales.refund.api;

/**
 * The refund's states (lifecycle.md §2). {@code WAITING_SUPERVISOR} is an approval above the
 * store's threshold; {@code PAYOUT_REQUESTED} is the platform's "seller agreed, refunding"
 * (canonical APPROVED).
 */
public enum RefundStatus {
    REQUESTED, WAITING_RETURN, RETURN_IN_TRANSIT, RECEIVED, CANCELLING_SHIPMENT, INTERCEPTING, WAITING_SUPERVISOR,
    APPROVED, PAYOUT_REQUESTED, PAID, CLOSED, REFUSED, CANCELLED
}
