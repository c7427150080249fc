package io.aftersales.feedback.api;

import org.axonframework.serialization.Revision;

import java.time.Instant;

/** A wrongly or extra-shipped SKU was taken off sale in a store for stock correction (reason {@value #REASON}). */
@Revision("1")
public record SkuDelistedForStockCorrection(
        String stockCorrectionId,
        String claimId,
        String storeId,
        String orderId,
        String sku,
        String skuExpected,
        int quantity,
        String warehouse,
        String reason,
        String delistedBy,
        Instant delistedAt) {

    public static final String REASON = "stock correction";
}
