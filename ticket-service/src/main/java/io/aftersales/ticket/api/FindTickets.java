package io.aftersales.ticket.api;

import java.util.Set;

/**
 * Tickets matching the optional filters, newest first, one page of them. {@code visibleStores} is
 * the caller's scope: null means every store.
 */
public record FindTickets(Set<String> visibleStores, String storeId, TicketStatus status, String product,
                          String batch, int page, int size) {
}
