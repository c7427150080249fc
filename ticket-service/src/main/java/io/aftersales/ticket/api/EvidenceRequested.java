package io.aftersales.ticket.api;

import org.axonframework.serialization.Revision;

import java.time.Instant;

/** The buyer was asked for evidence; the ticket waits on the buyer. */
@Revision("1")
public record EvidenceRequested(String ticketId, String what, String requestedBy, Instant requestedAt) {
}
