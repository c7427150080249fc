package io.aftersales.refund.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** The warehouse received the returned goods. */
public record RecordGoodsReceived(
        @TargetAggregateIdentifier String refundId,
        String warehouseId,
        String actor,
        Instant receivedAt) {
}
