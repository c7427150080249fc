package io.aftersales.logistics.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

import java.time.Instant;

/** The courier accepted the claim for an amount. {@code expectedVersion}, when given, is the claim version the caller looked at (If-Match). */
public record RecordAcceptance(
        @TargetAggregateIdentifier String claimId,
        Money amountAccepted,
        String actor,
        Instant requestedAt,
        @TargetAggregateVersion Long expectedVersion) {
}
