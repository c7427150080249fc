package io.aftersales.refund.api;

/**
 * What a refund line pays back. {@code RETURN_SHIPPING} is the buyer's return postage, reimbursed
 * when the seller is at fault: it is not part of the order line's price, so the order-line ledger
 * does not count it (ADR 0110).
 */
public enum RefundLineType {
    GOODS, RETURN_SHIPPING, PRICE_DIFFERENCE, GOODWILL;

    /** Whether the line pays back part of what was paid for the order line. */
    public boolean againstOrderLine() {
        return this != RETURN_SHIPPING;
    }
}
