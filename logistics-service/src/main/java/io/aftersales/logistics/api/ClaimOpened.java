package io.aftersales.logistics.api;

import java.time.Instant;

/** A courier claim was opened; courier and tracking number may still be unknown (null). */
public record ClaimOpened(
        String claimId,
        String ticketId,
        String storeId,
        String orderId,
        String sku,
        int quantity,
        ClaimKind kind,
        String courier,
        String trackingNumber,
        String openedBy,
        Instant openedAt) {
}
