package io.aftersales.ticket.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

import java.time.Instant;

/** The buyer's satisfaction score (1-5) came back from the survey. */
public record RecordSatisfaction(@TargetAggregateIdentifier String ticketId, int score, String comment, String actor, Instant requestedAt,
                 @TargetAggregateVersion Long expectedVersion) {
}
