package io.aftersales.contracts.tickets.v1;

import io.aftersales.contracts.IntegrationEvent;

import java.time.Instant;
import java.util.List;

/**
 * A resolution was proposed for the ticket, with the store policy's decision on it: within the
 * proposer's limits it may be offered to the buyer, above them a supervisor approves it first.
 * Published on {@code aftersales.tickets.v1} as CloudEvents type {@value #TYPE}; Kafka key and
 * {@code ce_subject} are the ticket id, {@code ce_time} is {@code proposedAt}. JSON Schema:
 * {@code schemas/aftersales.ticket.resolution-proposed.v1.json}.
 *
 * @param ticketId the ticket (aggregate) id
 * @param storeId the store the order belongs to
 * @param proposalNumber 1, 2, ... per ticket; approval and rejection name it
 * @param kind {@code RETURN_AND_REFUND}, {@code REFUND_ONLY}, {@code PARTIAL_REFUND}, {@code EXCHANGE}, {@code RESHIP}, {@code REPAIR} or {@code DECLINE}
 * @param lines the compensation lines; never null, empty for a decline
 * @param declineReason for {@code DECLINE}: {@code BUYER_RESPONSIBILITY}, {@code USED}, {@code PAST_RETURN_PERIOD}, {@code ABUSIVE_RETURNS}; null otherwise
 * @param decision the policy's decision on the proposal, explaining itself
 * @param proposedBy the agent (or supervisor)
 * @param proposedAt when (also {@code ce_time})
 */
public record ResolutionProposed(
        String ticketId,
        String storeId,
        int proposalNumber,
        String kind,
        List<CompensationLine> lines,
        String declineReason,
        PolicyDecision decision,
        String proposedBy,
        Instant proposedAt) implements IntegrationEvent {

    public static final String TYPE = "aftersales.ticket.resolution-proposed.v1";

    @Override
    public String subject() {
        return ticketId;
    }
}
