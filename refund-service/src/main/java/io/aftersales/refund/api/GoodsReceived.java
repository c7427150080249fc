package io.aftersales.refund.api;

import org.axonframework.serialization.Revision;

import java.time.Instant;

/** The warehouse received the returned goods. */
@Revision("1")
public record GoodsReceived(
        String refundId,
        String warehouseId,
        String receivedBy,
        Instant receivedAt) {
}
