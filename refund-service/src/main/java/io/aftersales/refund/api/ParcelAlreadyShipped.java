package io.aftersales.refund.api;

import org.axonframework.serialization.Revision;

import java.time.Instant;

/** The parcel had left: the courier is asked to intercept it. */
@Revision("1")
public record ParcelAlreadyShipped(
        String refundId,
        String courier,
        String trackingNumber,
        Instant answeredAt) {
}
