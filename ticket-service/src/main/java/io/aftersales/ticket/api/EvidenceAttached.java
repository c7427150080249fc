package io.aftersales.ticket.api;

import org.axonframework.serialization.Revision;

import java.time.Instant;
import java.util.List;

/** Evidence references, archived under the buyer's id ({@code buyerId}). */
@Revision("1")
public record EvidenceAttached(String ticketId, String buyerId, List<Evidence> evidence, String attachedBy, Instant attachedAt) {
}
