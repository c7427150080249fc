package io.aftersales.ticket.api;

import org.axonframework.serialization.Revision;

import java.time.Duration;
import java.time.Instant;

/**
 * A clock used up its target: the promise is broken. {@code dueAt} is when it broke, {@code breachedAt}
 * when the ticket recorded it (later only if the service was down at the due time).
 */
@Revision("1")
public record SlaBreached(String ticketId, String storeId, ClockKind clock, int cycle, Duration target,
                          Instant dueAt, Instant breachedAt) {
}
