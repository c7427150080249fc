package io.aftersales.ticket.api;

import org.axonframework.serialization.Revision;

import java.time.Instant;

@Revision("1")
public record BatchDefectConfirmed(String ticketId, String incidentId, String product, String batch,
                                   String confirmedBy, Instant confirmedAt) {
}
