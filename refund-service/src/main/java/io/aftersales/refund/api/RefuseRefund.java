package io.aftersales.refund.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** The seller refuses the request, with a reason the buyer sees; the buyer may modify and ask again. */
public record RefuseRefund(
        @TargetAggregateIdentifier String refundId,
        String reason,
        String actor,
        Instant requestedAt) {
}
