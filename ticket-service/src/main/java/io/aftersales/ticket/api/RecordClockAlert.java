package io.aftersales.ticket.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/**
 * A deadline fired: record the warning or breach of one cycle of one clock, if it is due. Idempotent:
 * a second delivery, or a deadline that no longer holds (replied, paused, resolved meanwhile), records
 * nothing; the ticket decides from its own clocks, never from the scheduler's idea of them.
 */
public record RecordClockAlert(@TargetAggregateIdentifier String ticketId, ClockKind clock, int cycle,
                               ClockAlert alert, Instant requestedAt) {
}
