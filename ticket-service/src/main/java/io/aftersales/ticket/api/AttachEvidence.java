package io.aftersales.ticket.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

import java.time.Instant;
import java.util.List;

/** Evidence arrived (references to photos archived under the buyer's id). */
public record AttachEvidence(@TargetAggregateIdentifier String ticketId, List<Evidence> evidence, String actor, Instant requestedAt,
                 @TargetAggregateVersion Long expectedVersion) {
}
