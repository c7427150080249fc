package io.aftersales.contracts.claims.v1;

import io.aftersales.contracts.IntegrationEvent;

import java.time.Instant;

/**
 * The replacement of a claimed parcel left the warehouse (reship first, claim later).
 * Published by logistics-service on {@code aftersales.claims.v1} as CloudEvents type {@value #TYPE}; Kafka key and
 * {@code ce_subject} are the claim id, {@code ce_time} is {@code shippedAt}. JSON Schema:
 * {@code schemas/aftersales.claim.reshipment-shipped.v1.json}.
 *
 * @param claimId the claim (aggregate) id
 * @param ticketId the ticket the reshipment is for
 * @param resolutionNumber the ticket's agreed resolution the reshipment carries out; null when logistics did not get one
 * @param storeId the store the order belongs to
 * @param sku the SKU shipped
 * @param courier the courier's code of the reshipment
 * @param trackingNumber the reshipment's tracking number
 * @param shippedAt when it left the warehouse (also {@code ce_time})
 */
public record ReshipmentShipped(
        String claimId,
        String ticketId,
        Integer resolutionNumber,
        String storeId,
        String sku,
        String courier,
        String trackingNumber,
        Instant shippedAt) implements IntegrationEvent {

    public static final String TYPE = "aftersales.claim.reshipment-shipped.v1";

    @Override
    public String subject() {
        return claimId;
    }
}
