package io.aftersales.refund.api;

import org.axonframework.serialization.Revision;

import java.time.Instant;

/** The courier could not intercept: the refund waits for the parcel to come back. */
@Revision("1")
public record InterceptFailed(
        String refundId,
        String reason,
        Instant answeredAt) {
}
