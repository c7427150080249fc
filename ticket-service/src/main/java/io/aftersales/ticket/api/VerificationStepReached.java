package io.aftersales.ticket.api;

import org.axonframework.serialization.Revision;

import java.time.Instant;

/** The proof of a quality claim moved to {@code step}, for {@code reason}. */
@Revision("1")
public record VerificationStepReached(String ticketId, VerificationStep step, String reason, String actor, Instant at) {
}
