package io.aftersales.ticket.api;

import java.util.EnumSet;
import java.util.Set;

/** Where a ticket stands (lifecycle.md §1). */
public enum TicketStatus {
    /** In the store's pool: nobody has taken it yet. */
    NEW,
    /** An agent is working it. */
    IN_PROGRESS,
    /** Waiting on the buyer: photos, a return parcel, an answer to an offer. */
    WAITING_BUYER,
    /** A proposal above the agent's limits waits for a supervisor. */
    WAITING_APPROVAL,
    /** The buyer accepted; refund-service and logistics-service carry it out. */
    RESOLUTION_AGREED,
    /** Every part of the agreed resolution is done. */
    RESOLVED,
    CLOSED,
    CANCELLED;

    /** The states of a ticket someone still has to act on (a confirmed batch defect still marks them). */
    public static final Set<TicketStatus> OPEN = EnumSet.of(NEW, IN_PROGRESS, WAITING_BUYER, WAITING_APPROVAL,
            RESOLUTION_AGREED);

    public boolean isOpen() {
        return OPEN.contains(this);
    }
}
