package io.aftersales.ticket.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

import java.time.Instant;

/** Reopen a resolved or closed ticket within the store's reopen window. */
public record ReopenTicket(@TargetAggregateIdentifier String ticketId, String reason, String actor, Instant requestedAt,
                 @TargetAggregateVersion Long expectedVersion) {
}
