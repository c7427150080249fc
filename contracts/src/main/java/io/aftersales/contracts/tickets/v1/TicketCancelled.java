package io.aftersales.contracts.tickets.v1;

import io.aftersales.contracts.IntegrationEvent;

import java.time.Instant;

/**
 * The ticket was cancelled: the buyer withdrew, or it duplicates another ticket.
 * Published on {@code aftersales.tickets.v1} as CloudEvents type {@value #TYPE}; Kafka key and
 * {@code ce_subject} are the ticket id, {@code ce_time} is {@code cancelledAt}. JSON Schema:
 * {@code schemas/aftersales.ticket.cancelled.v1.json}.
 *
 * @param ticketId the ticket (aggregate) id
 * @param storeId the store the order belongs to
 * @param reason {@code BUYER_WITHDREW} or {@code DUPLICATE}
 * @param duplicateOf for {@code DUPLICATE}: the ticket kept; null otherwise
 * @param cancelledBy the actor: an agent id or {@code system}
 * @param cancelledAt when (also {@code ce_time})
 */
public record TicketCancelled(
        String ticketId,
        String storeId,
        String reason,
        String duplicateOf,
        String cancelledBy,
        Instant cancelledAt) implements IntegrationEvent {

    public static final String TYPE = "aftersales.ticket.cancelled.v1";

    @Override
    public String subject() {
        return ticketId;
    }
}
