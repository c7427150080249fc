package io.aftersales.ticket.api;

/** The caller may not take this action on this ticket (e.g. approve their own proposal): 403. */
public class ActionNotAllowed extends RuntimeException {

    public ActionNotAllowed(String message) {
        super(message);
    }
}
