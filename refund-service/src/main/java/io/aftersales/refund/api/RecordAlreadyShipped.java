package io.aftersales.refund.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** The warehouse could not cancel: the parcel already left with this courier and tracking number. */
public record RecordAlreadyShipped(
        @TargetAggregateIdentifier String refundId,
        String courier,
        String trackingNumber,
        Instant answeredAt) {
}
