package io.aftersales.refund.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** The buyer withdraws the request. */
public record CancelRefund(
        @TargetAggregateIdentifier String refundId,
        String actor,
        Instant requestedAt) {
}
