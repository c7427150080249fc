package io.aftersales.contracts.tickets.v1;

import io.aftersales.contracts.IntegrationEvent;

import java.time.Instant;

/**
 * The ticket is closed and (usually) the satisfaction survey sent. {@code satisfaction} is null at
 * close: the score arrives later as {@link SatisfactionRecorded}.
 * Published on {@code aftersales.tickets.v1} as CloudEvents type {@value #TYPE}; Kafka key and
 * {@code ce_subject} are the ticket id, {@code ce_time} is {@code closedAt}. JSON Schema:
 * {@code schemas/aftersales.ticket.closed.v1.json}.
 *
 * @param ticketId the ticket (aggregate) id
 * @param storeId the store the order belongs to
 * @param outcome {@code RESOLVED} (an agreed resolution was carried out) or {@code ANSWERED} (closed without one)
 * @param resolutionKind the kind of the resolution carried out; null when {@code ANSWERED}
 * @param automatic closed by the system (e.g. after the resolution) rather than by an agent
 * @param surveySent whether a satisfaction survey was sent
 * @param satisfaction the score 1-5; null at close (see {@link SatisfactionRecorded})
 * @param closedBy the actor: an agent id or {@code system}
 * @param closedAt when (also {@code ce_time})
 */
public record TicketClosed(
        String ticketId,
        String storeId,
        String outcome,
        String resolutionKind,
        boolean automatic,
        boolean surveySent,
        Integer satisfaction,
        String closedBy,
        Instant closedAt) implements IntegrationEvent {

    public static final String TYPE = "aftersales.ticket.closed.v1";

    @Override
    public String subject() {
        return ticketId;
    }
}
