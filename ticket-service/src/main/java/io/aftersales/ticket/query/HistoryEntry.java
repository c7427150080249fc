package io.aftersales.ticket.query;

import java.time.Instant;

/** One line of a ticket's remarks trail: what happened, who did it, when, and the event's facts. */
public record HistoryEntry(long sequence, String event, String actor, Instant at, Object details) {
}
