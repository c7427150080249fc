package io.aftersales.ticket.api;

import org.axonframework.serialization.Revision;

import java.time.Instant;

/** Who is at fault, decided by the agent (was: {@code previous}, the category's presumption or an earlier decision). */
@Revision("1")
public record ResponsibilityDecided(String ticketId, Responsibility responsibility, Responsibility previous, String reason, String decidedBy, Instant decidedAt) {
}
