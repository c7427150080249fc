package io.aftersales.ticket.api;

import java.time.Instant;

import java.util.Set;

/**
 * Tickets matching the optional filters, newest first, one page of them. {@code visibleStores} is
 * the caller's scope: null means every store. {@code statuses} empty means any; {@code waitingOn}
 * (null: no such filter) keeps the tickets whose next move is that caller's; {@code breachingBy} (null: no
 * such filter) keeps the tickets with a running clock whose promise breaks at or before that instant (and
 * is not recorded as broken yet).
 */
public record FindTickets(Set<String> visibleStores, String storeId, Set<TicketStatus> statuses, String product,
                          String batch, String assignee, Category category, Boolean flagged, WaitingOn waitingOn,
                          Instant breachingBy, int page, int size) {

    public FindTickets {
        statuses = statuses == null ? Set.of() : Set.copyOf(statuses);
    }

    /** Without the clock filter. */
    public FindTickets(Set<String> visibleStores, String storeId, Set<TicketStatus> statuses, String product,
                       String batch, String assignee, Category category, Boolean flagged, WaitingOn waitingOn,
                       int page, int size) {
        this(visibleStores, storeId, statuses, product, batch, assignee, category, flagged, waitingOn, null, page,
                size);
    }

    /** The tickets of a product's batch someone still acts on, as a batch-defect decision finds them. */
    public static FindTickets openOn(String product, String batch, int page, int size) {
        return new FindTickets(null, null, TicketStatus.OPEN, product, batch, null, null, null, null, page, size);
    }

    /**
     * "Waiting on me": an agent's own tickets in progress; for a supervisor also the proposals
     * waiting for approval and the escalated tickets of their stores.
     */
    public record WaitingOn(String subject, boolean supervisor) {
    }
}
