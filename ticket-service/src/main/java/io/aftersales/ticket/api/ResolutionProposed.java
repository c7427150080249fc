package io.aftersales.ticket.api;

import org.axonframework.serialization.Revision;

import java.time.Instant;

/** A resolution offered, with the policy's decision: above the agent's limits it waits for a supervisor. */
@Revision("1")
public record ResolutionProposed(String ticketId, String storeId, int proposalNumber, Proposal proposal, PolicyDecision decision, String proposedBy, Instant proposedAt) {
}
