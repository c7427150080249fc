package io.aftersales.refund.api;

import java.util.List;

/** What the platform is asked to pay: {@code idempotencyKey} is the refund id. */
public record PayoutOrder(String idempotencyKey, RefundOrigin origin, String storeId, String orderId,
                          String orderLineId, Money total, List<RefundLine> lines, OrderItem item) {
}
