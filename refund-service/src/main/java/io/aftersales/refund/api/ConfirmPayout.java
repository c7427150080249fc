package io.aftersales.refund.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** The platform's later notification that it paid the refund we asked for. */
public record ConfirmPayout(
        @TargetAggregateIdentifier String refundId,
        String platformReference,
        Instant paidAt) {
}
