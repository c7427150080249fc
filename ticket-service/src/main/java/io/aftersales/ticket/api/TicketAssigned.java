package io.aftersales.ticket.api;

import org.axonframework.serialization.Revision;

import java.time.Instant;

/** The ticket has an agent: claimed from the pool ({@code claimed}) or assigned by a supervisor. */
@Revision("1")
public record TicketAssigned(String ticketId, String storeId, String assignee, String previousAssignee, boolean claimed, String assignedBy, Instant assignedAt) {
}
