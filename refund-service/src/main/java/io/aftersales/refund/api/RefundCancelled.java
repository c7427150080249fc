package io.aftersales.refund.api;

import org.axonframework.serialization.Revision;

import java.time.Instant;

/** The buyer withdrew. */
@Revision("1")
public record RefundCancelled(
        String refundId,
        String cancelledBy,
        Instant cancelledAt) {
}
