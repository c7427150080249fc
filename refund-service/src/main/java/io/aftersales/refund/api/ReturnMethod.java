package io.aftersales.refund.api;

/** How the buyer sends the goods back: only {@code EXPRESS} and {@code EMS} are accepted. */
public enum ReturnMethod {
    EXPRESS, EMS, POST, FREIGHT;

    public boolean accepted() {
        return this == EXPRESS || this == EMS;
    }
}
