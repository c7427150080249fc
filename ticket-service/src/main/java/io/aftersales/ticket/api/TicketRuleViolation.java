package io.aftersales.ticket.api;

/** A command that breaks a ticket rule; {@code field} names the input at fault, when there is one. */
public class TicketRuleViolation extends RuntimeException {

    private final String field;

    public TicketRuleViolation(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
