package io.aftersales.refund.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;
import java.util.List;

/**
 * Open a refund in REQUESTED, from the ticket's agreed resolution or a platform request. The refund id
 * is {@code origin.refundId()}; {@code paidForLine} is what was paid for the order line;
 * {@code batchDefectIncidentId} (optional) fast-tracks it.
 */
public record OpenRefund(
        @TargetAggregateIdentifier String refundId,
        RefundOrigin origin,
        RefundKind kind,
        String storeId,
        String orderId,
        String orderLineId,
        String buyerId,
        Money paidForLine,
        List<RefundLine> lines,
        Responsibility responsibility,
        String batchDefectIncidentId,
        StoreRefundPolicy policy,
        String actor,
        Instant requestedAt,
        OrderItem item) {
}
