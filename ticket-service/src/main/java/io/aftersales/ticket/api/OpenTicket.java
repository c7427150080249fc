package io.aftersales.ticket.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;
import java.util.List;

/** Open one customer's after-sales case on one order line. */
public record OpenTicket(
        @TargetAggregateIdentifier String ticketId,
        String storeId,
        Platform platform,
        String orderId,
        String externalId,
        String buyerId,
        boolean vip,
        String sku,
        String styleCode,
        String batch,
        int quantity,
        Money paidAmount,
        Instant signedAt,
        Category category,
        String defectType,
        String description,
        List<Evidence> evidence,
        String channel,
        String actor,
        Instant requestedAt) {
}
