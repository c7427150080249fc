package io.aftersales.contracts.tickets.v1;

import io.aftersales.contracts.IntegrationEvent;

import java.time.Instant;

/**
 * A ticket's clock used up its warning share (80% by default) of its target, before the promise
 * breaks: the ticket is escalated to its store's supervisors. Published on {@code aftersales.tickets.v1}
 * as CloudEvents type {@value #TYPE}; Kafka key and {@code ce_subject} are the ticket id,
 * {@code ce_time} is {@code warnedAt}. At most once per clock and cycle. JSON Schema:
 * {@code schemas/aftersales.ticket.sla-warning.v1.json}.
 *
 * @param ticketId the ticket (aggregate) id
 * @param storeId the store the order belongs to
 * @param clock which promise: {@code FIRST_REPLY} or {@code RESOLUTION}
 * @param cycle the clock's cycle: 1, or more for the resolution clock of a reopened ticket
 * @param target the promise in business time, ISO-8601 (e.g. {@code PT5M})
 * @param elapsed the business time used when warned, ISO-8601
 * @param dueAt when the promise breaks if nobody acts
 * @param escalatedTo who is told: {@code SUPERVISORS} (of the store)
 * @param warnedAt when (also {@code ce_time})
 */
public record SlaWarning(
        String ticketId,
        String storeId,
        String clock,
        int cycle,
        String target,
        String elapsed,
        Instant dueAt,
        String escalatedTo,
        Instant warnedAt) implements IntegrationEvent {

    public static final String TYPE = "aftersales.ticket.sla-warning.v1";

    @Override
    public String subject() {
        return ticketId;
    }
}
