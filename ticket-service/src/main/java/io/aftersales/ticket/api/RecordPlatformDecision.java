package io.aftersales.ticket.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

import java.time.Instant;

/** Records that the platform decided the buyer's request itself; idempotent. */
public record RecordPlatformDecision(@TargetAggregateIdentifier String ticketId, PlatformDecision decision,
                                     String actor, Instant requestedAt,
                                     @TargetAggregateVersion Long expectedVersion) {
}
