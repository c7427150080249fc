package io.aftersales.ticket.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/**
 * Record on the ticket that QA confirmed a defect of its whole batch (incident {@code incidentId}):
 * agents stop asking this buyer for more proof.
 */
public record ConfirmBatchDefect(
        @TargetAggregateIdentifier String ticketId,
        String incidentId,
        String product,
        String batch,
        String actor,
        Instant confirmedAt) {
}
