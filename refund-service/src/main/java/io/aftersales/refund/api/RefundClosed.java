package io.aftersales.refund.api;

import org.axonframework.serialization.Revision;

import java.time.Instant;

/** Paid and, when goods came back, checked. */
@Revision("1")
public record RefundClosed(
        String refundId,
        String closedBy,
        Instant closedAt) {
}
