package io.aftersales.refund.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** The courier intercepted the parcel: it goes back to the warehouse, the buyer never receives it. */
public record RecordParcelIntercepted(
        @TargetAggregateIdentifier String refundId,
        Instant interceptedAt) {
}
