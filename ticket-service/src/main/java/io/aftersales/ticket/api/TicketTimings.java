package io.aftersales.ticket.api;

import java.time.Duration;

/**
 * A store's ticket timings (domain.md defaults in {@link #defaults()}).
 *
 * @param photoWindow                 after sign-for, the window in which a quality claim is proven by photos
 * @param reopenWindow                how long after resolving a ticket may be reopened
 * @param autoCloseAfter              a resolved ticket closes by itself after this
 * @param transactionExtensionDays    an agreed return or exchange extends the platform transaction by this
 */
public record TicketTimings(Duration photoWindow, Duration reopenWindow, Duration autoCloseAfter,
                            int transactionExtensionDays) {

    public static TicketTimings defaults() {
        return new TicketTimings(Duration.ofDays(3), Duration.ofDays(15), Duration.ofDays(7), 10);
    }
}
