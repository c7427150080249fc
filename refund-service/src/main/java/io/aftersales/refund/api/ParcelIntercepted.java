package io.aftersales.refund.api;

import org.axonframework.serialization.Revision;

import java.time.Instant;

/** The courier intercepted the parcel. */
@Revision("1")
public record ParcelIntercepted(
        String refundId,
        Instant interceptedAt) {
}
