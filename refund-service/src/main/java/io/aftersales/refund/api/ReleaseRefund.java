package io.aftersales.refund.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/**
 * A refused or cancelled refund no longer counts against its order line. {@code refundVersion} is the
 * sequence number of the refusal or cancellation: a reservation made at a later version of the
 * refund (modified and agreed again since) is not released. Null: release whatever is counted.
 */
public record ReleaseRefund(
        @TargetAggregateIdentifier String orderLineId,
        String refundId,
        Instant releasedAt,
        Long refundVersion) {

    public ReleaseRefund(String orderLineId, String refundId, Instant releasedAt) {
        this(orderLineId, refundId, releasedAt, null);
    }
}
