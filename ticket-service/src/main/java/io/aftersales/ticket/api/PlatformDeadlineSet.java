package io.aftersales.ticket.api;

import org.axonframework.serialization.Revision;

import java.time.Instant;

/**
 * The platform's deadline for the seller's answer (e.g. a Pinduoduo refund request left unanswered is
 * approved by the platform): given at intake, or the platform's configured default from opening. It
 * runs the ticket's {@link ClockKind#PLATFORM_RESPONSE} clock, in wall-clock time.
 */
@Revision("1")
public record PlatformDeadlineSet(String ticketId, String storeId, Platform platform, Instant deadline,
                                  Instant setAt) {
}
