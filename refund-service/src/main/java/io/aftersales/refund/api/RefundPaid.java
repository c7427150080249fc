package io.aftersales.refund.api;

import org.axonframework.serialization.Revision;

import java.time.Instant;

/**
 * The platform paid. {@code decidedBy} PLATFORM: it auto-approved after the seller's deadline, with
 * its raw status.
 */
@Revision("1")
public record RefundPaid(
        String refundId,
        Money total,
        PaymentDecider decidedBy,
        String platformReference,
        String platformStatus,
        Instant paidAt) {
}
