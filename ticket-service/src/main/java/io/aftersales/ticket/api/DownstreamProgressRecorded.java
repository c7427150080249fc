package io.aftersales.ticket.api;

import org.axonframework.serialization.Revision;

import java.time.Instant;

/** Another service reported a part of the agreed resolution done. */
@Revision("1")
public record DownstreamProgressRecorded(String ticketId, int resolutionNumber, DownstreamPart part, String reference, Instant happenedAt) {
}
