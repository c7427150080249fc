package io.aftersales.ticket.query;

import io.aftersales.ticket.api.Category;
import io.aftersales.ticket.api.Evidence;
import io.aftersales.ticket.api.Money;
import io.aftersales.ticket.api.Platform;
import io.aftersales.ticket.api.Responsibility;
import io.aftersales.ticket.api.TicketStatus;

import java.time.Instant;
import java.util.List;

/** A ticket as agents see it. {@code version} is the sequence number of its latest event (the ETag). */
public record TicketView(
        String id,
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
        TicketStatus status,
        boolean defectReported,
        BatchDefect batchDefect,
        List<Remark> remarks,
        String openedBy,
        Instant openedAt,
        Instant updatedAt,
        long version) {

    public record Remark(String text, boolean flagged, String addedBy, Instant addedAt) {
    }

    /** QA confirmed a defect of this ticket's whole batch: no further proof is needed from the buyer. */
    public record BatchDefect(String incidentId, Instant confirmedAt) {
    }
}
