package io.aftersales.refund.api;

import org.axonframework.serialization.Revision;

import java.time.Instant;

/** The refund no longer counts against its order line. */
@Revision("1")
public record RefundReleased(
        String orderLineId,
        String refundId,
        Instant releasedAt) {
}
