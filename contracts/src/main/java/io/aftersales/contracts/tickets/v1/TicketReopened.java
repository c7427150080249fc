package io.aftersales.contracts.tickets.v1;

import io.aftersales.contracts.IntegrationEvent;

import java.time.Instant;

/**
 * A resolved or closed ticket was reopened within the store's reopen window; the agent works on.
 * Published on {@code aftersales.tickets.v1} as CloudEvents type {@value #TYPE}; Kafka key and
 * {@code ce_subject} are the ticket id, {@code ce_time} is {@code reopenedAt}. JSON Schema:
 * {@code schemas/aftersales.ticket.reopened.v1.json}.
 *
 * @param ticketId the ticket (aggregate) id
 * @param storeId the store the order belongs to
 * @param reason why, in the agent's words (no personal data)
 * @param reopenedBy the actor
 * @param reopenedAt when (also {@code ce_time})
 */
public record TicketReopened(
        String ticketId,
        String storeId,
        String reason,
        String reopenedBy,
        Instant reopenedAt) implements IntegrationEvent {

    public static final String TYPE = "aftersales.ticket.reopened.v1";

    @Override
    public String subject() {
        return ticketId;
    }
}
