package io.aftersales.ticket.api;

import org.axonframework.serialization.Revision;

import java.time.Instant;

/** A supervisor rejected the pending proposal; the agent works on. */
@Revision("1")
public record ResolutionRejected(String ticketId, String storeId, int proposalNumber, String note, String rejectedBy, Instant rejectedAt) {
}
