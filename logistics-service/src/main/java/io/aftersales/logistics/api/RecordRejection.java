package io.aftersales.logistics.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

import java.time.Instant;

/** The courier rejected the claim. {@code expectedVersion}, when given, is the claim version the caller looked at (If-Match). */
public record RecordRejection(
        @TargetAggregateIdentifier String claimId,
        String reason,
        String actor,
        Instant requestedAt,
        @TargetAggregateVersion Long expectedVersion) {
}
