package io.aftersales.refund.api;

import org.axonframework.serialization.Revision;

import java.time.Instant;

/** The seller was at fault: the buyer's return postage is refunded as its own RETURN_SHIPPING line. */
@Revision("1")
public record ReturnPostageLineAdded(
        String refundId,
        RefundLine line,
        Instant addedAt) {
}
