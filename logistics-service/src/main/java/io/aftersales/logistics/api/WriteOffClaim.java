package io.aftersales.logistics.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

import java.time.Instant;

/** A rejected or escalated claim is given up: the loss stays with the store. {@code expectedVersion}, when given, is the claim version the caller looked at (If-Match). */
public record WriteOffClaim(
        @TargetAggregateIdentifier String claimId,
        String reason,
        String actor,
        Instant requestedAt,
        @TargetAggregateVersion Long expectedVersion) {
}
