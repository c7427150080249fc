package io.aftersales.refund.api;

import org.axonframework.serialization.Revision;

import java.time.Instant;

/** The refund's total is above the store's threshold: it waits for a supervisor. */
@Revision("1")
public record SupervisorApprovalRequired(
        String refundId,
        Money total,
        Money threshold,
        Instant requiredAt) {
}
