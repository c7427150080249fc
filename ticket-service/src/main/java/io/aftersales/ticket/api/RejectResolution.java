package io.aftersales.ticket.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

import java.time.Instant;

/** A supervisor rejects a pending proposal; the agent proposes again. */
public record RejectResolution(@TargetAggregateIdentifier String ticketId, int proposalNumber, String note, String actor, Instant requestedAt,
                 @TargetAggregateVersion Long expectedVersion) {
}
