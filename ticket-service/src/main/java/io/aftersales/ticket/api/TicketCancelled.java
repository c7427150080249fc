package io.aftersales.ticket.api;

import org.axonframework.serialization.Revision;

import java.time.Instant;

/** Cancelled: the buyer withdrew, or it duplicates {@code duplicateOf}. */
@Revision("1")
public record TicketCancelled(String ticketId, String storeId, CancelReason reason, String duplicateOf, String cancelledBy, Instant cancelledAt) {
}
