package io.aftersales.refund.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;
import java.util.List;

/** The buyer modifies a refused request and asks again: the refund is REQUESTED again with these lines. */
public record ModifyRefundRequest(
        @TargetAggregateIdentifier String refundId,
        List<RefundLine> lines,
        String actor,
        Instant requestedAt) {
}
