package io.aftersales.refund.api;

import org.axonframework.serialization.Revision;

import java.time.Instant;
import java.util.List;

/** A refund was opened in REQUESTED with its attributed lines and the store's policy in force. */
@Revision("1")
public record RefundRequested(
        String refundId,
        RefundOrigin origin,
        RefundKind kind,
        String storeId,
        String orderId,
        String orderLineId,
        String buyerId,
        Money paidForLine,
        List<RefundLine> lines,
        Responsibility responsibility,
        StoreRefundPolicy policy,
        String requestedBy,
        Instant requestedAt,
        OrderItem item) {
}
