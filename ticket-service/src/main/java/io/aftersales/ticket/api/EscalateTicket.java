package io.aftersales.ticket.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/**
 * Puts an open ticket before its store's supervisors ({@link TicketEscalated}) because something was not done
 * by {@code dueAt} (the night-shift handover item not cleared by noon). Idempotent: a ticket escalated at or
 * after {@code dueAt} already, or no longer open, records nothing, so a scheduler may deliver it twice.
 * Answers whether it recorded the escalation.
 */
public record EscalateTicket(@TargetAggregateIdentifier String ticketId, String reason, Instant dueAt, String actor,
                             Instant requestedAt) {
}
