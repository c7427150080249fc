package io.aftersales.contracts.claims.v1;

import io.aftersales.contracts.IntegrationEvent;
import io.aftersales.contracts.Money;

import java.time.Instant;

/**
 * The courier accepted the claim for an amount (at most the amount claimed).
 * Published by logistics-service on {@code aftersales.claims.v1} as CloudEvents type {@value #TYPE}; Kafka key and
 * {@code ce_subject} are the claim id, {@code ce_time} is {@code acceptedAt}. JSON Schema:
 * {@code schemas/aftersales.claim.accepted.v1.json}.
 *
 * @param claimId the claim (aggregate) id; also the Kafka key and ce_subject
 * @param ticketId the ticket the claim is for
 * @param storeId the store (店铺) the order belongs to
 * @param courier the courier claimed against, e.g. SF, ZTO, YTO, EMS
 * @param claimNumber the courier's claim number
 * @param amountAccepted what the courier agreed to pay
 * @param acceptedAt when the acceptance was recorded
 */
public record ClaimAccepted(
        String claimId,
        String ticketId,
        String storeId,
        String courier,
        String claimNumber,
        Money amountAccepted,
        Instant acceptedAt) implements IntegrationEvent {

    public static final String TYPE = "aftersales.claim.accepted.v1";

    @Override
    public String subject() {
        return claimId;
    }
}
