package io.aftersales.ticket.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

import java.time.Instant;

/** Cancel a ticket: the buyer withdrew, or it duplicates another. */
public record CancelTicket(@TargetAggregateIdentifier String ticketId, CancelReason reason, String duplicateOf, String actor, Instant requestedAt,
                 @TargetAggregateVersion Long expectedVersion) {
}
