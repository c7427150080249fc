package io.aftersales.ticket.command;

import java.time.Instant;
import java.util.Optional;

/**
 * What intake needs from the meeting point with the quality listener (query's
 * {@code ConfirmedBatchDefects}, wired in by the service configuration): record that a ticket is being
 * opened on a batch, then look up QA's open incident on it. The command side states the need; it does
 * not know where the answer is stored.
 */
public interface BatchIntakes {

    /** Ticket {@code ticketId} is being opened on this product batch (idempotent). */
    void intakeStarted(String ticketId, String product, String batch, Instant at);

    /** QA's incident open on this product batch, if any. */
    Optional<String> activeIncident(String product, String batch);

    /** No batch is ever known to be defective (tests of the ticket's own rules). */
    BatchIntakes NONE = new BatchIntakes() {
        @Override
        public void intakeStarted(String ticketId, String product, String batch, Instant at) {
        }

        @Override
        public Optional<String> activeIncident(String product, String batch) {
            return Optional.empty();
        }
    };
}
