package io.aftersales.logistics.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/**
 * The ticket agreed a reshipment or an exchange ({@code resolutionNumber}): once per resolution. The first agreed
 * resolution takes over a reshipment already ordered and not yet linked (reship first), later ones order another.
 */
public record OrderReshipment(
        @TargetAggregateIdentifier String claimId,
        int resolutionNumber,
        ReshipmentReason reason,
        String sku,
        int quantity,
        String actor,
        Instant requestedAt) {
}
