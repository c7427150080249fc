package io.aftersales.refund.api;

import org.axonframework.serialization.Revision;

import java.time.Instant;

/**
 * The refund counts against its order line (paid {@code paidForLine}); {@code amount} replaces any
 * earlier reservation of the same refund.
 */
@Revision("1")
public record RefundReserved(
        String orderLineId,
        Money paidForLine,
        String refundId,
        Money amount,
        Instant reservedAt) {
}
