package io.aftersales.logistics.api;

/** A command that breaks a claim rule; {@code field} names the input at fault: 400. */
public class ClaimRuleViolation extends RuntimeException {

    private final String field;

    public ClaimRuleViolation(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
