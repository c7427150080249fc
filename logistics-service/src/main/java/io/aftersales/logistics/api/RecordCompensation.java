package io.aftersales.logistics.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

import java.time.Instant;

/** The courier paid. More than accepted needs a note. {@code expectedVersion}, when given, is the claim version the caller looked at (If-Match). */
public record RecordCompensation(
        @TargetAggregateIdentifier String claimId,
        Money amountReceived,
        String note,
        String actor,
        Instant requestedAt,
        @TargetAggregateVersion Long expectedVersion) {
}
