package io.aftersales.logistics.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

import java.time.Instant;

/** File the claim with the courier. {@code expectedVersion}, when given, is the claim version the caller looked at (If-Match). */
public record FileClaim(
        @TargetAggregateIdentifier String claimId,
        String courier,
        String claimNumber,
        Money amountClaimed,
        String actor,
        Instant requestedAt,
        @TargetAggregateVersion Long expectedVersion) {
}
