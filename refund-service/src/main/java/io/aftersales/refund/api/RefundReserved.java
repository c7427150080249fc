package io.aftersales.refund.api;

import org.axonframework.serialization.Revision;

import java.time.Instant;

/**
 * The refund counts against its order line (paid {@code paidForLine}); {@code amount} replaces any
 * earlier reservation of the same refund. {@code refundVersion}: the refund's version when it was
 * agreed (null in events stored before it was recorded).
 */
@Revision("1")
public record RefundReserved(
        String orderLineId,
        Money paidForLine,
        String refundId,
        Money amount,
        Instant reservedAt,
        Long refundVersion) {

    public RefundReserved(String orderLineId, Money paidForLine, String refundId, Money amount, Instant reservedAt) {
        this(orderLineId, paidForLine, refundId, amount, reservedAt, null);
    }
}
