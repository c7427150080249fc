package io.aftersales.refund.api;

/** A command that breaks a refund rule; {@code field} names the input at fault, when there is one. */
public class RefundRuleViolation extends RuntimeException {

    private final String field;

    public RefundRuleViolation(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
