package io.aftersales.ticket.api;

import org.axonframework.serialization.Revision;

import java.time.Instant;

/** Every part of the agreed resolution is done. */
@Revision("1")
public record TicketResolved(String ticketId, String storeId, int resolutionNumber, ResolutionKind kind, Instant resolvedAt) {
}
