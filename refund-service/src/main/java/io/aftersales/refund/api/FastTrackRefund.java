package io.aftersales.refund.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** QA confirmed a batch defect on the refund's product: it pays when the return is shipped. */
public record FastTrackRefund(
        @TargetAggregateIdentifier String refundId,
        String incidentId,
        Instant confirmedAt) {
}
