package io.aftersales.ticket.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

import java.time.Instant;

/** A supervisor approves a pending proposal (not their own). */
public record ApproveResolution(@TargetAggregateIdentifier String ticketId, int proposalNumber, String note, String actor, Instant requestedAt,
                 @TargetAggregateVersion Long expectedVersion) {
}
