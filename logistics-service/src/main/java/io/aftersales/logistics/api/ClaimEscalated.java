package io.aftersales.logistics.api;

import java.time.Instant;

/** A rejected claim was escalated with the courier. */
public record ClaimEscalated(
        String claimId,
        String storeId,
        String note,
        String escalatedBy,
        Instant escalatedAt) {
}
