package io.aftersales.logistics.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

import java.time.Instant;

/** The replacement left the warehouse with a courier and tracking number. {@code expectedVersion}, when given, is the claim version the caller looked at (If-Match). */
public record RecordReshipmentShipped(
        @TargetAggregateIdentifier String claimId,
        String courier,
        String trackingNumber,
        String actor,
        Instant requestedAt,
        @TargetAggregateVersion Long expectedVersion) {
}
