package io.aftersales.logistics.api;

import java.time.Instant;

/** An entry of the wrong-shipment register (发错货登记). */
public record WrongShipmentRegistered(
        String claimId,
        String ticketId,
        String storeId,
        String orderId,
        String skuExpected,
        String skuSent,
        int quantity,
        String warehouse,
        String registeredBy,
        Instant registeredAt) {
}
