package io.aftersales.refund.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** The warehouse cancelled the shipment before it left (the pre-shipment saga's answer). */
public record RecordShipmentCancelled(
        @TargetAggregateIdentifier String refundId,
        Instant cancelledAt) {
}
