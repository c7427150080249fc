package io.aftersales.ticket.api;

/** An action the ticket's current state does not allow: 409 naming the state. */
public class TicketStateConflict extends RuntimeException {

    private final String action;
    private final TicketStatus status;

    public TicketStateConflict(String action, TicketStatus status, String detail) {
        super("A ticket that is " + status + " cannot be " + action + (detail == null ? "" : ": " + detail));
        this.action = action;
        this.status = status;
    }

    public String action() {
        return action;
    }

    public TicketStatus status() {
        return status;
    }
}
