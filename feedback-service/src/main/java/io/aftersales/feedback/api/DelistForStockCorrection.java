package io.aftersales.feedback.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/**
 * logistics registered a wrong shipment: the SKU sent wrongly (or in excess) is taken off sale in the store until the
 * stock is counted again. Not a quality incident: no batch, no production alert, no ticket is marked. Once per
 * wrong-shipment entry ({@code stockCorrectionId} is derived from the claim id).
 */
public record DelistForStockCorrection(
        @TargetAggregateIdentifier String stockCorrectionId,
        String claimId,
        String storeId,
        String orderId,
        String sku,
        String skuExpected,
        int quantity,
        String warehouse,
        Instant registeredAt,
        Instant requestedAt) {
}
