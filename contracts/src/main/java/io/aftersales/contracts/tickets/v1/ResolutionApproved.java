package io.aftersales.contracts.tickets.v1;

import io.aftersales.contracts.IntegrationEvent;

import java.time.Instant;

/**
 * A supervisor approved the pending proposal above the agent's limits; it may be offered to the buyer.
 * Published on {@code aftersales.tickets.v1} as CloudEvents type {@value #TYPE}; Kafka key and
 * {@code ce_subject} are the ticket id, {@code ce_time} is {@code approvedAt}. JSON Schema:
 * {@code schemas/aftersales.ticket.resolution-approved.v1.json}.
 *
 * @param ticketId the ticket (aggregate) id
 * @param storeId the store the order belongs to
 * @param proposalNumber the proposal approved
 * @param note the supervisor's note; null when none
 * @param approvedBy the supervisor
 * @param approvedAt when (also {@code ce_time})
 */
public record ResolutionApproved(
        String ticketId,
        String storeId,
        int proposalNumber,
        String note,
        String approvedBy,
        Instant approvedAt) implements IntegrationEvent {

    public static final String TYPE = "aftersales.ticket.resolution-approved.v1";

    @Override
    public String subject() {
        return ticketId;
    }
}
