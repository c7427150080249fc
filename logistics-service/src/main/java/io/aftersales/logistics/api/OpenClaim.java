package io.aftersales.logistics.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/**
 * Open a courier claim for one order line. Reship-first kinds hold the replacement's stock and order it in
 * the same step. {@code ticketId}, {@code courier} and {@code trackingNumber} may be null (a claim opened by
 * logistics without a ticket; a ticket that does not name the courier yet).
 */
public record OpenClaim(
        @TargetAggregateIdentifier String claimId,
        String ticketId,
        String storeId,
        String orderId,
        String sku,
        int quantity,
        ClaimKind kind,
        String courier,
        String trackingNumber,
        String actor,
        Instant requestedAt) {
}
