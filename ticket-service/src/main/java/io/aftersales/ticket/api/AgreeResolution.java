package io.aftersales.ticket.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

import java.time.Instant;

/** The buyer accepted the offered resolution, as told to an agent or through the platform. */
public record AgreeResolution(@TargetAggregateIdentifier String ticketId, AgreementSource source, String actor, Instant requestedAt,
                 @TargetAggregateVersion Long expectedVersion) {
}
