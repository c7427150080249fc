package io.aftersales.logistics.api;

/** An action the claim's current state does not allow: 409 naming the state. */
public class ClaimStateConflict extends RuntimeException {

    private final String action;
    private final ClaimStatus status;

    public ClaimStateConflict(String action, ClaimStatus status, String detail) {
        super("A claim that is " + status + " cannot be " + action + (detail == null ? "" : ": " + detail));
        this.action = action;
        this.status = status;
    }

    public String action() {
        return action;
    }

    public ClaimStatus status() {
        return status;
    }
}
