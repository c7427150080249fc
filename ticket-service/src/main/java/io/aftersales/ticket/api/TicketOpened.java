package io.aftersales.ticket.api;

import org.axonframework.serialization.Revision;

import java.time.Instant;
import java.util.List;

@Revision("1")
public record TicketOpened(
        String ticketId,
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
        Responsibility responsibility,
        String description,
        List<Evidence> evidence,
        String channel,
        String openedBy,
        Instant openedAt) {
}
