package io.aftersales.ticket.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

import java.time.Instant;

/** The agent looked at the photos (or the warehouse at the item): the defect is proven. */
public record VerifyQuality(@TargetAggregateIdentifier String ticketId, String note, String actor, Instant requestedAt,
                 @TargetAggregateVersion Long expectedVersion) {
}
