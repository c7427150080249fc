package io.aftersales.refund.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/**
 * The seller agrees: a return is awaited, a refund-only is approved, a refund before shipment stops
 * the shipment first.
 */
public record AgreeRefund(
        @TargetAggregateIdentifier String refundId,
        String actor,
        Instant requestedAt) {
}
