package io.aftersales.ticket.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

import java.time.Instant;

/** The buyer will not send photos: the item is asked back for the warehouse to verify. */
public record RecordPhotosRefused(@TargetAggregateIdentifier String ticketId, String note, String actor, Instant requestedAt,
                 @TargetAggregateVersion Long expectedVersion) {
}
