package io.aftersales.contracts.claims.v1;

import io.aftersales.contracts.IntegrationEvent;

import java.time.Instant;

/**
 * A short delivery weighed what its waybill said: the warehouse sent the wrong goods (发错货登记). The SKU sent is taken off sale for stock correction.
 * Published by logistics-service on {@code aftersales.claims.v1} as CloudEvents type {@value #TYPE}; Kafka key and
 * {@code ce_subject} are the claim id, {@code ce_time} is {@code registeredAt}. JSON Schema:
 * {@code schemas/aftersales.claim.wrong-shipment-registered.v1.json}.
 *
 * @param claimId the claim (aggregate) id; also the Kafka key and ce_subject
 * @param ticketId the ticket the claim is for
 * @param storeId the store (店铺) the order belongs to
 * @param orderId the platform's order id
 * @param skuExpected the SKU the buyer ordered
 * @param skuSent the SKU the warehouse sent instead (or in excess)
 * @param quantity units sent wrongly, at least 1
 * @param warehouse the warehouse that shipped
 * @param registeredAt when
 */
public record WrongShipmentRegistered(
        String claimId,
        String ticketId,
        String storeId,
        String orderId,
        String skuExpected,
        String skuSent,
        int quantity,
        String warehouse,
        Instant registeredAt) implements IntegrationEvent {

    public static final String TYPE = "aftersales.claim.wrong-shipment-registered.v1";

    @Override
    public String subject() {
        return claimId;
    }
}
