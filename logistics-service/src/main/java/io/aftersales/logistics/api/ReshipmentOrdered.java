package io.aftersales.logistics.api;

import java.time.Instant;

/** A replacement was ordered and its stock held (or found out of stock); {@code number} counts the claim's reshipments from 1. */
public record ReshipmentOrdered(
        String claimId,
        String ticketId,
        String storeId,
        String orderId,
        int number,
        Integer resolutionNumber,
        ReshipmentReason reason,
        String sku,
        int quantity,
        String holdId,
        StockHold stock,
        String orderedBy,
        Instant orderedAt) {
}
