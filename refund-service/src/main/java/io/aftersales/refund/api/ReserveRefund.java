package io.aftersales.refund.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/**
 * Count a refund against its order line, refused when the total would exceed what was paid.
 * {@code paidForLine} creates the ledger on the first refund; a refund reserved again (modified)
 * replaces its amount.
 */
public record ReserveRefund(
        @TargetAggregateIdentifier String orderLineId,
        Money paidForLine,
        String refundId,
        Money amount,
        Instant requestedAt) {
}
