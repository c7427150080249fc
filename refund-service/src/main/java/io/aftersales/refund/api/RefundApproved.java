package io.aftersales.refund.api;

import org.axonframework.serialization.Revision;

import java.time.Instant;
import java.util.List;

/** The money may go: {@code total} of {@code lines}. */
@Revision("1")
public record RefundApproved(
        String refundId,
        Money total,
        List<RefundLine> lines,
        String approvedBy,
        Instant approvedAt) {
}
