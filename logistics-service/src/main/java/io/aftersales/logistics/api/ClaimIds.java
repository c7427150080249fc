package io.aftersales.logistics.api;

/** Claim ids: a ticket has at most one claim, whose id is derived from the ticket id. */
public final class ClaimIds {

    private ClaimIds() {
    }

    public static String forTicket(String ticketId) {
        return "claim-" + ticketId;
    }
}
