package io.aftersales.ticket.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

import java.time.Instant;

/** Offer the buyer a resolution; the store's compensation policy decides whether a supervisor approves it first. */
public record ProposeResolution(@TargetAggregateIdentifier String ticketId, Proposal proposal, boolean bySupervisor, String actor, Instant requestedAt,
                 @TargetAggregateVersion Long expectedVersion) {
}
