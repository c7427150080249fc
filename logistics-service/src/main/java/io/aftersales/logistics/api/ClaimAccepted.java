package io.aftersales.logistics.api;

import java.time.Instant;

/** The courier accepted the claim. */
public record ClaimAccepted(
        String claimId,
        String ticketId,
        String storeId,
        String courier,
        String claimNumber,
        Money amountAccepted,
        String recordedBy,
        Instant acceptedAt) {
}
