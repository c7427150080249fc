package io.aftersales.contracts.claims.v1;

import io.aftersales.contracts.IntegrationEvent;

import java.time.Instant;

/**
 * The replacement of a claimed parcel was ordered and its stock held (下架留货) or found out of stock: reship first, claim later.
 * Published by logistics-service on {@code aftersales.claims.v1} as CloudEvents type {@value #TYPE}; Kafka key and
 * {@code ce_subject} are the claim id, {@code ce_time} is {@code orderedAt}. JSON Schema:
 * {@code schemas/aftersales.claim.reshipment-ordered.v1.json}.
 *
 * @param claimId the claim (aggregate) id; also the Kafka key and ce_subject
 * @param ticketId the ticket the claim is for
 * @param resolutionNumber the ticket's agreed resolution the reshipment carries out; null for the reshipment logistics orders at once on opening the claim (it is linked to the resolution later)
 * @param storeId the store (店铺) the order belongs to
 * @param orderId the platform's order id
 * @param sku the SKU to ship
 * @param quantity units to ship, at least 1
 * @param reason rESHIPMENT or EXCHANGE (open list)
 * @param stock what the warehouse answered to the hold: HELD or OUT_OF_STOCK (open list)
 * @param orderedAt when the reshipment was ordered
 */
public record ReshipmentOrdered(
        String claimId,
        String ticketId,
        Integer resolutionNumber,
        String storeId,
        String orderId,
        String sku,
        int quantity,
        String reason,
        String stock,
        Instant orderedAt) implements IntegrationEvent {

    public static final String TYPE = "aftersales.claim.reshipment-ordered.v1";

    @Override
    public String subject() {
        return claimId;
    }
}
