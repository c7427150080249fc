package io.aftersales.refund.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** A refused or cancelled refund no longer counts against its order line. */
public record ReleaseRefund(
        @TargetAggregateIdentifier String orderLineId,
        String refundId,
        Instant releasedAt) {
}
