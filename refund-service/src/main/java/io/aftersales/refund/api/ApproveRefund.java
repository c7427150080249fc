package io.aftersales.refund.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** A supervisor approves a refund above the store's threshold. */
public record ApproveRefund(
        @TargetAggregateIdentifier String refundId,
        ActorRole role,
        String actor,
        Instant requestedAt) {
}
