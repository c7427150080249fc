package io.aftersales.ticket.api;

import org.axonframework.serialization.Revision;

import java.time.Instant;

/** Reopened within the store's reopen window; the agent works on. */
@Revision("1")
public record TicketReopened(String ticketId, String storeId, String reason, String reopenedBy, Instant reopenedAt) {
}
