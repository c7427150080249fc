package io.aftersales.refund.api;

import org.axonframework.serialization.Revision;

import java.time.Instant;

/** The warehouse cancelled the shipment. */
@Revision("1")
public record ShipmentCancelled(
        String refundId,
        Instant cancelledAt) {
}
