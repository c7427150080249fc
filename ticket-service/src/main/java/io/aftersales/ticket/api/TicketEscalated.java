package io.aftersales.ticket.api;

import org.axonframework.serialization.Revision;

import java.time.Instant;

/** A supervisor must take over (the buyer refused the negotiated offer). */
@Revision("1")
public record TicketEscalated(String ticketId, String storeId, String reason, String escalatedBy, Instant escalatedAt) {
}
