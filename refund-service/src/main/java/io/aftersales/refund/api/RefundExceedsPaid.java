package io.aftersales.refund.api;

/** A refund that would take the total refunded on an order line over what was paid for it. */
public class RefundExceedsPaid extends RefundRuleViolation {

    public RefundExceedsPaid(String orderLineId, Money paid, Money alreadyRefunded, Money requested) {
        super("amount", "order line " + orderLineId + " was paid " + paid.amount() + " " + paid.currency()
                + ", " + alreadyRefunded.amount() + " is already refunded or reserved: " + requested.amount()
                + " more would exceed it");
    }
}
