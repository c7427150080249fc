package io.aftersales.ticket.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

import java.time.Instant;

/** A supervisor assigns (or reassigns) the ticket to an agent. */
public record AssignTicket(@TargetAggregateIdentifier String ticketId, String assignee, String actor, Instant requestedAt,
                 @TargetAggregateVersion Long expectedVersion) {
}
