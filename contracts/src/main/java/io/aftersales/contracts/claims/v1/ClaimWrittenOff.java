package io.aftersales.contracts.claims.v1;

import io.aftersales.contracts.IntegrationEvent;
import io.aftersales.contracts.Money;

import java.time.Instant;

/**
 * A rejected or escalated claim was given up: the loss stays with the store.
 * Published by logistics-service on {@code aftersales.claims.v1} as CloudEvents type {@value #TYPE}; Kafka key and
 * {@code ce_subject} are the claim id, {@code ce_time} is {@code writtenOffAt}. JSON Schema:
 * {@code schemas/aftersales.claim.written-off.v1.json}.
 *
 * @param claimId the claim (aggregate) id; also the Kafka key and ce_subject
 * @param ticketId the ticket the claim is for
 * @param storeId the store (店铺) the order belongs to
 * @param courier the courier claimed against, e.g. SF, ZTO, YTO, EMS
 * @param claimNumber the courier's claim number
 * @param amountWrittenOff the amount claimed that will not be recovered
 * @param reason why it was given up
 * @param writtenOffAt when
 */
public record ClaimWrittenOff(
        String claimId,
        String ticketId,
        String storeId,
        String courier,
        String claimNumber,
        Money amountWrittenOff,
        String reason,
        Instant writtenOffAt) implements IntegrationEvent {

    public static final String TYPE = "aftersales.claim.written-off.v1";

    @Override
    public String subject() {
        return claimId;
    }
}
