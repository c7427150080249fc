package io.aftersales.ticket.api;

import org.axonframework.serialization.Revision;

import java.time.Instant;

/** The buyer refused the offered proposal. */
@Revision("1")
public record OfferRefused(String ticketId, int proposalNumber, String reason, String recordedBy, Instant refusedAt) {
}
