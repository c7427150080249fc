package io.aftersales.logistics.api;

import java.time.Instant;

/** A replacement left the warehouse. */
public record ReshipmentShipped(
        String claimId,
        String ticketId,
        String storeId,
        int number,
        Integer resolutionNumber,
        String sku,
        String courier,
        String trackingNumber,
        String shippedBy,
        Instant shippedAt) {
}
