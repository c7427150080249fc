package io.aftersales.refund.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/**
 * The platform paid the refund by itself (the seller's deadline passed: auto-approved);
 * {@code platformStatus} is its raw status.
 */
public record RecordPaidByPlatform(
        @TargetAggregateIdentifier String refundId,
        String platformStatus,
        String platformReference,
        Instant paidAt) {
}
