package io.aftersales.contracts.tickets.v1;

import io.aftersales.contracts.IntegrationEvent;

import java.time.Instant;

/**
 * The ticket has an agent: claimed from the store's pool, or assigned (or reassigned) by a supervisor.
 * Published on {@code aftersales.tickets.v1} as CloudEvents type {@value #TYPE}; Kafka key and
 * {@code ce_subject} are the ticket id, {@code ce_time} is {@code assignedAt}. JSON Schema:
 * {@code schemas/aftersales.ticket.assigned.v1.json}.
 *
 * @param ticketId the ticket (aggregate) id
 * @param storeId the store the order belongs to
 * @param assignee the agent now working the ticket
 * @param previousAssignee the agent it was taken from; null when it came from the pool
 * @param claimed true when the agent claimed it from the pool, false when a supervisor assigned it
 * @param assignedBy the actor: the agent who claimed it, or the supervisor
 * @param assignedAt when (also {@code ce_time})
 */
public record TicketAssigned(
        String ticketId,
        String storeId,
        String assignee,
        String previousAssignee,
        boolean claimed,
        String assignedBy,
        Instant assignedAt) implements IntegrationEvent {

    public static final String TYPE = "aftersales.ticket.assigned.v1";

    @Override
    public String subject() {
        return ticketId;
    }
}
