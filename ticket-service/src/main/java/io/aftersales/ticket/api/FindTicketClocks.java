package io.aftersales.ticket.api;

import java.time.Instant;

/** The clocks of one ticket read at {@code at}: a list of {@link ClockReading}, empty for a ticket that does not exist. */
public record FindTicketClocks(String ticketId, Instant at) {
}
