package io.aftersales.logistics.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

import java.time.Instant;

/** The weigh check found the warehouse at fault: what was sent instead of the claimed SKU. {@code expectedVersion}, when given, is the claim version the caller looked at (If-Match). */
public record RegisterWrongShipment(
        @TargetAggregateIdentifier String claimId,
        String skuSent,
        int quantity,
        String warehouse,
        String actor,
        Instant requestedAt,
        @TargetAggregateVersion Long expectedVersion) {
}
