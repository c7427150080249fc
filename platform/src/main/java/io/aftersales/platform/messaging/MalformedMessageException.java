package io.aftersales.platform.messaging;

/** A message that can never be processed, however often it is retried: it goes straight to the dead-letter topic. */
public class MalformedMessageException extends RuntimeException {

    public MalformedMessageException(String message) {
        super(message);
    }
}
