package io.aftersales.refund.api;

/** The courier's answer to an intercept request; {@code reason} says why it failed. */
public record Interception(boolean intercepted, String reason) {

    public static Interception succeeded() {
        return new Interception(true, null);
    }

    public static Interception failed(String reason) {
        return new Interception(false, reason);
    }
}
