package io.aftersales.refund.api;

import org.axonframework.serialization.Revision;

import java.time.Instant;

/** The platform was asked once to pay, with {@code idempotencyKey} (the refund id). */
@Revision("1")
public record PayoutRequested(
        String refundId,
        String idempotencyKey,
        Money total,
        Instant requestedAt) {
}
