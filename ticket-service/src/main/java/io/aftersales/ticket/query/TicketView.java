package io.aftersales.ticket.query;

import io.aftersales.ticket.api.Category;
import io.aftersales.ticket.api.Evidence;
import io.aftersales.ticket.api.Money;
import io.aftersales.ticket.api.OpenTicket;
import io.aftersales.ticket.api.Platform;
import io.aftersales.ticket.api.Responsibility;
import io.aftersales.ticket.api.TicketStatus;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

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

    /** Whether this ticket is what {@code command} opens: a retry with the same idempotency key asks for it. */
    public boolean isOpeningOf(OpenTicket command) {
        return Objects.equals(storeId, command.storeId()) && platform == command.platform()
                && Objects.equals(orderId, command.orderId())
                && Objects.equals(buyerId, command.buyerId()) && vip == command.vip()
                && Objects.equals(sku, command.sku()) && Objects.equals(styleCode, command.styleCode())
                && Objects.equals(batch, command.batch()) && quantity == command.quantity()
                && paidAmount.amount().compareTo(command.paidAmount().amount()) == 0
                && Objects.equals(paidAmount.currency(), command.paidAmount().currency())
                && Objects.equals(signedAt, command.signedAt()) && category == command.category()
                && Objects.equals(defectType, command.defectType())
                && Objects.equals(description, command.description())
                && Objects.equals(evidence, command.evidence())
                && Objects.equals(channel, command.channel());
    }
}
