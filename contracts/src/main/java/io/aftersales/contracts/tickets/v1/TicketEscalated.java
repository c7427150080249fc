package io.aftersales.contracts.tickets.v1;

import io.aftersales.contracts.IntegrationEvent;

import java.time.Instant;

/**
 * A supervisor must take over the ticket (e.g. the buyer refused the negotiated offer).
 * Published on {@code aftersales.tickets.v1} as CloudEvents type {@value #TYPE}; Kafka key and
 * {@code ce_subject} are the ticket id, {@code ce_time} is {@code escalatedAt}. JSON Schema:
 * {@code schemas/aftersales.ticket.escalated.v1.json}.
 *
 * @param ticketId the ticket (aggregate) id
 * @param storeId the store the order belongs to
 * @param reason why, in the agent's words (no personal data)
 * @param escalatedBy the actor: an agent id or {@code system}
 * @param escalatedAt when (also {@code ce_time})
 */
public record TicketEscalated(
        String ticketId,
        String storeId,
        String reason,
        String escalatedBy,
        Instant escalatedAt) implements IntegrationEvent {

    public static final String TYPE = "aftersales.ticket.escalated.v1";

    @Override
    public String subject() {
        return ticketId;
    }
}
