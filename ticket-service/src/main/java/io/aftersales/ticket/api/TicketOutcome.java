package io.aftersales.ticket.api;

/** How a closed ticket ended, for the published {@code ticket.closed}. */
public enum TicketOutcome {
    /** An agreed resolution was carried out: its kind says which. */
    RESOLVED,
    /** Closed without an agreed resolution (e.g. a usage question answered). */
    ANSWERED
}
