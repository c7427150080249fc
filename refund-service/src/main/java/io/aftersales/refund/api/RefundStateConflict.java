package io.aftersales.refund.api;

/** An action the refund's current state does not allow: 409 naming the state. */
public class RefundStateConflict extends RuntimeException {

    private final String action;
    private final RefundStatus status;

    public RefundStateConflict(String action, RefundStatus status) {
        super("A refund that is " + status + " cannot be " + action);
        this.action = action;
        this.status = status;
    }

    public String action() {
        return action;
    }

    public RefundStatus status() {
        return status;
    }
}
