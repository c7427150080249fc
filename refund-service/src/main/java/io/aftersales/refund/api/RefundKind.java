package io.aftersales.refund.api;

/**
 * What the buyer gets (lifecycle.md §2). An {@code EXCHANGE} uses the return leg with no money:
 * logistics-service ships the replacement.
 */
public enum RefundKind {
    RETURN_AND_REFUND, REFUND_ONLY, BEFORE_SHIPMENT, EXCHANGE;

    /** Whether the goods travel back to the warehouse before the money (or the replacement). */
    public boolean goodsComeBack() {
        return this == RETURN_AND_REFUND || this == EXCHANGE;
    }

    /** Whether money goes back to the buyer. */
    public boolean paysMoney() {
        return this != EXCHANGE;
    }
}
