package io.aftersales.ticket.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

import java.time.Instant;

/** The agent decides who is at fault (责任方); it decides who pays shipping. */
public record DecideResponsibility(@TargetAggregateIdentifier String ticketId, Responsibility responsibility, String reason, String actor, Instant requestedAt,
                 @TargetAggregateVersion Long expectedVersion) {
}
