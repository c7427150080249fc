package io.aftersales.ticket.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

import java.time.Instant;

/** Start the proof of a quality claim: the photo window after sign-for and whether the item was worn decide the path. */
public record AssessQuality(@TargetAggregateIdentifier String ticketId, boolean worn, String actor, Instant requestedAt,
                 @TargetAggregateVersion Long expectedVersion) {
}
