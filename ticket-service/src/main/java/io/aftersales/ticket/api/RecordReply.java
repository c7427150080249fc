package io.aftersales.ticket.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

import java.time.Instant;

/** A reply to the buyer, with the channel it went by; the first one stops the first-reply clock. */
public record RecordReply(@TargetAggregateIdentifier String ticketId, ReplyChannel channel, String text, String actor, Instant requestedAt,
                 @TargetAggregateVersion Long expectedVersion) {
}
