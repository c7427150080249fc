package io.aftersales.ticket.api;

/** What the buyer is offered (lifecycle.md §1). */
public enum ResolutionKind {
    RETURN_AND_REFUND, REFUND_ONLY, PARTIAL_REFUND, EXCHANGE, RESHIP, REPAIR, DECLINE;

    /** Whether the goods travel back to the warehouse. */
    public boolean goodsComeBack() {
        return this == RETURN_AND_REFUND || this == EXCHANGE || this == REPAIR;
    }

    /** Whether the platform transaction must be extended (a return or an exchange takes time). */
    public boolean extendsTransaction() {
        return this == RETURN_AND_REFUND || this == EXCHANGE;
    }

    /** Whether something is shipped to the buyer: a replacement, a reshipment, the repaired item. */
    public boolean shipsToBuyer() {
        return this == EXCHANGE || this == RESHIP || this == REPAIR;
    }
}
