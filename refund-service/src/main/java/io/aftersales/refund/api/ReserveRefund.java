package io.aftersales.refund.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/**
 * Count a refund against its order line, refused when the total would exceed what was paid.
 * {@code paidForLine} creates the ledger on the first refund; a refund reserved again (modified)
 * replaces its amount. {@code refundVersion} is the refund's version when it was agreed: a release
 * sent for an earlier refusal or cancellation does not undo a later agreement ({@link ReleaseRefund}).
 */
public record ReserveRefund(
        @TargetAggregateIdentifier String orderLineId,
        Money paidForLine,
        String refundId,
        Money amount,
        Instant requestedAt,
        Long refundVersion) {

    /** Without the refund's version: any later release undoes it. */
    public ReserveRefund(String orderLineId, Money paidForLine, String refundId, Money amount, Instant requestedAt) {
        this(orderLineId, paidForLine, refundId, amount, requestedAt, null);
    }
}
