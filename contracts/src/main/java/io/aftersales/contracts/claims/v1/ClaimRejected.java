package io.aftersales.contracts.claims.v1;

import io.aftersales.contracts.IntegrationEvent;

import java.time.Instant;

/**
 * The courier rejected the claim; logistics escalates it or writes it off.
 * Published by logistics-service on {@code aftersales.claims.v1} as CloudEvents type {@value #TYPE}; Kafka key and
 * {@code ce_subject} are the claim id, {@code ce_time} is {@code rejectedAt}. JSON Schema:
 * {@code schemas/aftersales.claim.rejected.v1.json}.
 *
 * @param claimId the claim (aggregate) id; also the Kafka key and ce_subject
 * @param ticketId the ticket the claim is for
 * @param storeId the store (店铺) the order belongs to
 * @param courier the courier claimed against, e.g. SF, ZTO, YTO, EMS
 * @param claimNumber the courier's claim number
 * @param reason the courier's reason
 * @param rejectedAt when the rejection was recorded
 */
public record ClaimRejected(
        String claimId,
        String ticketId,
        String storeId,
        String courier,
        String claimNumber,
        String reason,
        Instant rejectedAt) implements IntegrationEvent {

    public static final String TYPE = "aftersales.claim.rejected.v1";

    @Override
    public String subject() {
        return claimId;
    }
}
