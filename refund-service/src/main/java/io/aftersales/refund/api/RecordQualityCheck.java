package io.aftersales.refund.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** The warehouse's QC of the returned goods; {@code reason} says why it failed (the buyer sees it). */
public record RecordQualityCheck(
        @TargetAggregateIdentifier String refundId,
        boolean passed,
        Disposition disposition,
        String reason,
        String actor,
        Instant checkedAt) {
}
