package io.aftersales.logistics.api;

import java.time.Instant;

/** The claim was given up; {@code amountWrittenOff} is what was claimed. */
public record ClaimWrittenOff(
        String claimId,
        String ticketId,
        String storeId,
        String courier,
        String claimNumber,
        Money amountWrittenOff,
        String reason,
        String writtenOffBy,
        Instant writtenOffAt) {
}
