package io.aftersales.refund.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/**
 * The buyer shipped the goods back; {@code postage} is what the buyer paid for it (reimbursed when the
 * seller is at fault).
 */
public record RecordReturnShipped(
        @TargetAggregateIdentifier String refundId,
        ReturnMethod method,
        boolean cashOnDelivery,
        String courier,
        String trackingNumber,
        Money postage,
        String actor,
        Instant shippedAt) {
}
