package io.aftersales.ticket.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/**
 * refund-service or logistics-service reports a part of a resolution done. {@code reference} is
 * the other side's id (refund id, claim id) and, with the part, the business key that makes a
 * redelivery change nothing; {@code resolutionNumber} is null when the other side did not say.
 */
public record RecordDownstreamProgress(@TargetAggregateIdentifier String ticketId, Integer resolutionNumber,
                                       DownstreamPart part, String reference, Instant happenedAt) {
}
