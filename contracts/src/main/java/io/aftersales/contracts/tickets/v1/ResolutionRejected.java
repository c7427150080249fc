package io.aftersales.contracts.tickets.v1;

import io.aftersales.contracts.IntegrationEvent;

import java.time.Instant;

/**
 * A supervisor rejected the pending proposal; the agent works on.
 * Published on {@code aftersales.tickets.v1} as CloudEvents type {@value #TYPE}; Kafka key and
 * {@code ce_subject} are the ticket id, {@code ce_time} is {@code rejectedAt}. JSON Schema:
 * {@code schemas/aftersales.ticket.resolution-rejected.v1.json}.
 *
 * @param ticketId the ticket (aggregate) id
 * @param storeId the store the order belongs to
 * @param proposalNumber the proposal rejected
 * @param note the supervisor's note; null when none
 * @param rejectedBy the supervisor
 * @param rejectedAt when (also {@code ce_time})
 */
public record ResolutionRejected(
        String ticketId,
        String storeId,
        int proposalNumber,
        String note,
        String rejectedBy,
        Instant rejectedAt) implements IntegrationEvent {

    public static final String TYPE = "aftersales.ticket.resolution-rejected.v1";

    @Override
    public String subject() {
        return ticketId;
    }
}
