package io.aftersales.refund.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** Ask the platform to pay an approved refund. Sent again (retry, redelivery), it asks nothing more. */
public record RequestPayout(
        @TargetAggregateIdentifier String refundId,
        Instant requestedAt) {
}
