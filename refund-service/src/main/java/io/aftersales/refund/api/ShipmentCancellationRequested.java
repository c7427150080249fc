package io.aftersales.refund.api;

import org.axonframework.serialization.Revision;

import java.time.Instant;

/**
 * A refund before shipment was agreed: the warehouse is asked to cancel the shipment (starts the
 * pre-shipment saga).
 */
@Revision("1")
public record ShipmentCancellationRequested(
        String refundId,
        String storeId,
        String orderId,
        String orderLineId,
        Instant requestedAt) {
}
