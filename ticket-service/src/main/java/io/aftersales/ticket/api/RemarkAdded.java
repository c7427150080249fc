package io.aftersales.ticket.api;

import org.axonframework.serialization.Revision;

import java.time.Instant;

@Revision("1")
public record RemarkAdded(String ticketId, String text, boolean flagged, String addedBy, Instant addedAt) {
}
