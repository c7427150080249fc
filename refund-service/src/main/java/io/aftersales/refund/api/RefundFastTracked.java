package io.aftersales.refund.api;

import org.axonframework.serialization.Revision;

import java.time.Instant;

/** A confirmed batch defect: the refund pays when the return is shipped, without waiting for QC. */
@Revision("1")
public record RefundFastTracked(
        String refundId,
        String incidentId,
        Instant confirmedAt) {
}
