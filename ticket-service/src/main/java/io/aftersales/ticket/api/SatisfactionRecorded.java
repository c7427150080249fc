package io.aftersales.ticket.api;

import org.axonframework.serialization.Revision;

import java.time.Instant;

/** The buyer's satisfaction score (1-5) from the survey. */
@Revision("1")
public record SatisfactionRecorded(String ticketId, String storeId, int score, String comment, String recordedBy, Instant recordedAt) {
}
