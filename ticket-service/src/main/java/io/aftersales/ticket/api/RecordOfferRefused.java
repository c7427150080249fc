package io.aftersales.ticket.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

import java.time.Instant;

/** The buyer refused the offer: back to the agent, or to a supervisor when it was the negotiated one. */
public record RecordOfferRefused(@TargetAggregateIdentifier String ticketId, String reason, String actor, Instant requestedAt,
                 @TargetAggregateVersion Long expectedVersion) {
}
