package io.aftersales.launcher;

/** Something did not start: the message says what, and carries the tail of its log. */
public final class StartupFailure extends RuntimeException {

    public StartupFailure(String message) {
        super(message);
    }
}
