package io.aftersales.refund.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** The courier could not intercept the parcel: the buyer refuses delivery or returns it. */
public record RecordInterceptFailed(
        @TargetAggregateIdentifier String refundId,
        String reason,
        Instant answeredAt) {
}
