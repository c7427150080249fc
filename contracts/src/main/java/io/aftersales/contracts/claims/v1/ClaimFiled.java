package io.aftersales.contracts.claims.v1;

import io.aftersales.contracts.IntegrationEvent;
import io.aftersales.contracts.Money;

import java.time.Instant;

/**
 * The claim was filed with the courier.
 * Published by logistics-service on {@code aftersales.claims.v1} as CloudEvents type {@value #TYPE}; Kafka key and
 * {@code ce_subject} are the claim id, {@code ce_time} is {@code filedAt}. JSON Schema:
 * {@code schemas/aftersales.claim.filed.v1.json}.
 *
 * @param claimId the claim (aggregate) id; also the Kafka key and ce_subject
 * @param ticketId the ticket the claim is for
 * @param storeId the store (店铺) the order belongs to
 * @param sku the SKU claimed for
 * @param courier the courier claimed against, e.g. SF, ZTO, YTO, EMS
 * @param claimNumber the courier's claim number
 * @param amountClaimed what is claimed from the courier
 * @param filedAt when it was filed
 */
public record ClaimFiled(
        String claimId,
        String ticketId,
        String storeId,
        String sku,
        String courier,
        String claimNumber,
        Money amountClaimed,
        Instant filedAt) implements IntegrationEvent {

    public static final String TYPE = "aftersales.claim.filed.v1";

    @Override
    public String subject() {
        return claimId;
    }
}
