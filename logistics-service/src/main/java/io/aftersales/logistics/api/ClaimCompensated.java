package io.aftersales.logistics.api;

import java.time.Instant;

/** The courier paid the claim. */
public record ClaimCompensated(
        String claimId,
        String ticketId,
        String storeId,
        String courier,
        String claimNumber,
        Money amountReceived,
        String note,
        String recordedBy,
        Instant compensatedAt) {
}
