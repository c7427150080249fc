package io.aftersales.ticket.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

import java.time.Instant;

/** Close a resolved (or answered) ticket; closing sends the satisfaction survey. */
public record CloseTicket(@TargetAggregateIdentifier String ticketId, boolean automatic, String actor, Instant requestedAt,
                 @TargetAggregateVersion Long expectedVersion) {
}
