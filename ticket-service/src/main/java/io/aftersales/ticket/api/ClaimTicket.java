package io.aftersales.ticket.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

import java.time.Instant;

/** An agent takes the ticket from the store's pool. */
public record ClaimTicket(@TargetAggregateIdentifier String ticketId, String actor, Instant requestedAt,
                 @TargetAggregateVersion Long expectedVersion) {
}
