package io.aftersales.logistics.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

import java.time.Instant;

/** An address problem is solved by forwarding by EMS or returning and reshipping; the remark goes on the order. {@code expectedVersion}, when given, is the claim version the caller looked at (If-Match). */
public record ResolveAddress(
        @TargetAggregateIdentifier String claimId,
        AddressResolution resolution,
        String remark,
        String actor,
        Instant requestedAt,
        @TargetAggregateVersion Long expectedVersion) {
}
