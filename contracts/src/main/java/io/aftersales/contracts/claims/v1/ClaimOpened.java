package io.aftersales.contracts.claims.v1;

import io.aftersales.contracts.IntegrationEvent;

import java.time.Instant;

/**
 * A courier claim was opened for a ticket's parcel (lost, damaged, short delivery, ...).
 * Published by logistics-service on {@code aftersales.claims.v1} as CloudEvents type {@value #TYPE}; Kafka key and
 * {@code ce_subject} are the claim id, {@code ce_time} is {@code openedAt}. JSON Schema:
 * {@code schemas/aftersales.claim.opened.v1.json}.
 *
 * @param claimId the claim (aggregate) id
 * @param ticketId the ticket the claim was opened for
 * @param storeId the store the order belongs to
 * @param kind a code in UPPER_SNAKE_CASE, e.g. {@code LOST}, {@code DAMAGED}, {@code SHORT_DELIVERY}, {@code ADDRESS_PROBLEM} (open list)
 * @param courier the courier's code, e.g. {@code SF}, {@code ZTO}, {@code EMS}; {@code UNKNOWN} when the ticket did not name it
 * @param trackingNumber the tracking number of the parcel claimed for; {@code UNKNOWN} when the ticket did not name it
 * @param openedAt when (also {@code ce_time})
 */
public record ClaimOpened(
        String claimId,
        String ticketId,
        String storeId,
        String kind,
        String courier,
        String trackingNumber,
        Instant openedAt) implements IntegrationEvent {

    public static final String TYPE = "aftersales.claim.opened.v1";

    @Override
    public String subject() {
        return claimId;
    }
}
