package io.aftersales.ticket.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

import java.time.Instant;

/** Ask the buyer for evidence (photos, a video, the parcel slip): the ticket waits on the buyer. */
public record RequestEvidence(@TargetAggregateIdentifier String ticketId, String what, String actor, Instant requestedAt,
                 @TargetAggregateVersion Long expectedVersion) {
}
