package io.aftersales.logistics.api;

import java.time.Instant;

/** The courier rejected the claim. */
public record ClaimRejected(
        String claimId,
        String ticketId,
        String storeId,
        String courier,
        String claimNumber,
        String reason,
        String recordedBy,
        Instant rejectedAt) {
}
