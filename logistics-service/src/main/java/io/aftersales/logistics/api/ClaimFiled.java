package io.aftersales.logistics.api;

import java.time.Instant;

/** The claim was filed with the courier. */
public record ClaimFiled(
        String claimId,
        String ticketId,
        String storeId,
        String sku,
        String courier,
        String claimNumber,
        Money amountClaimed,
        String filedBy,
        Instant filedAt) {
}
