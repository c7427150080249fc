package io.aftersales.refund.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** Close a paid refund whose return (if any) is checked. */
public record CloseRefund(
        @TargetAggregateIdentifier String refundId,
        String actor,
        Instant requestedAt) {
}
