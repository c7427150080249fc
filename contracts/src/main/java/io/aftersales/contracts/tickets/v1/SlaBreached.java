package io.aftersales.contracts.tickets.v1;

import io.aftersales.contracts.IntegrationEvent;

import java.time.Instant;

/**
 * A ticket's clock used up its target: the promise is broken. Published on {@code aftersales.tickets.v1}
 * as CloudEvents type {@value #TYPE}; Kafka key and {@code ce_subject} are the ticket id,
 * {@code ce_time} is {@code breachedAt}. At most once per clock and cycle. JSON Schema:
 * {@code schemas/aftersales.ticket.sla-breached.v1.json}.
 *
 * @param ticketId the ticket (aggregate) id
 * @param storeId the store the order belongs to
 * @param clock which promise: {@code FIRST_REPLY} or {@code RESOLUTION}
 * @param cycle the clock's cycle: 1, or more for the resolution clock of a reopened ticket
 * @param target the promise in business time, ISO-8601 (e.g. {@code PT5M})
 * @param dueAt when the promise broke
 * @param breachedAt when the ticket recorded it (also {@code ce_time}; later than {@code dueAt} only if
 *                   the service was down at the due time)
 */
public record SlaBreached(
        String ticketId,
        String storeId,
        String clock,
        int cycle,
        String target,
        Instant dueAt,
        Instant breachedAt) implements IntegrationEvent {

    public static final String TYPE = "aftersales.ticket.sla-breached.v1";

    @Override
    public String subject() {
        return ticketId;
    }
}
