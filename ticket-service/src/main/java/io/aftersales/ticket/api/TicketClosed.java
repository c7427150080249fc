package io.aftersales.ticket.api;

import org.axonframework.serialization.Revision;

import java.time.Instant;

/** The ticket is closed and the satisfaction survey sent. */
@Revision("1")
public record TicketClosed(String ticketId, String storeId, TicketOutcome outcome, ResolutionKind resolution, boolean automatic, boolean surveySent, String closedBy, Instant closedAt) {
}
