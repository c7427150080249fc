package io.aftersales.ticket.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

import java.time.Instant;

/**
 * Add a 交易备注 to the ticket's trail. {@code expectedVersion}, when given, is the version the
 * agent was looking at: if someone changed the ticket since, the remark is refused.
 */
public record AddRemark(
        @TargetAggregateIdentifier String ticketId,
        String text,
        boolean flagged,
        String actor,
        Instant requestedAt,
        @TargetAggregateVersion Long expectedVersion) {
}
