package io.aftersales.ticket.api;

import org.axonframework.serialization.Revision;

import java.time.Instant;

/** A supervisor approved the pending proposal; the buyer may now be offered it. */
@Revision("1")
public record ResolutionApproved(String ticketId, String storeId, int proposalNumber, String note, String approvedBy, Instant approvedAt) {
}
