package io.aftersales.logistics.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

import java.time.Instant;

/** Short delivery with an intact parcel: the waybill's weight against the measured weight, in grams. {@code expectedVersion}, when given, is the claim version the caller looked at (If-Match). */
public record RecordWeighing(
        @TargetAggregateIdentifier String claimId,
        int slipWeightGrams,
        int measuredWeightGrams,
        String actor,
        Instant requestedAt,
        @TargetAggregateVersion Long expectedVersion) {
}
