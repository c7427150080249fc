package io.aftersales.refund.api;

import org.axonframework.serialization.Revision;

import java.time.Instant;

/** The buyer shipped the goods back. */
@Revision("1")
public record ReturnShipped(
        String refundId,
        ReturnMethod method,
        String courier,
        String trackingNumber,
        Money postage,
        String recordedBy,
        Instant shippedAt) {
}
