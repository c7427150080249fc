package io.aftersales.refund.api;

import org.axonframework.serialization.Revision;

import java.time.Instant;

/** Refused by the seller or by the warehouse's QC, with the reason the buyer sees. */
@Revision("1")
public record RefundRefused(
        String refundId,
        String reason,
        String refusedBy,
        Instant refusedAt) {
}
