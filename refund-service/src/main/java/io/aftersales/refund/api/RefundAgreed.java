package io.aftersales.refund.api;

import org.axonframework.serialization.Revision;

import java.time.Instant;

/** The seller agreed; {@code returnAddress} is set when the goods come back. */
@Revision("1")
public record RefundAgreed(
        String refundId,
        RefundKind kind,
        ReturnAddress returnAddress,
        String agreedBy,
        Instant agreedAt) {
}
