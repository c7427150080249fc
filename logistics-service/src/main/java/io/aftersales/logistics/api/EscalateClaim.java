package io.aftersales.logistics.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

import java.time.Instant;

/** A rejected claim goes to the courier's escalation (customer service manager, platform arbitration). {@code expectedVersion}, when given, is the claim version the caller looked at (If-Match). */
public record EscalateClaim(
        @TargetAggregateIdentifier String claimId,
        String note,
        String actor,
        Instant requestedAt,
        @TargetAggregateVersion Long expectedVersion) {
}
