package io.aftersales.platform.web;

import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

/**
 * The ETag of an event-sourced resource is its aggregate's version (the sequence number of its
 * latest event); {@code If-Match} sends it back so that a change made since is refused. The one way
 * every service writes the one and reads the other.
 */
public final class Versions {

    private Versions() {
    }

    public static String etag(long version) {
        return "\"" + version + "\"";
    }

    /**
     * The version an {@code If-Match} header names (weak or strong ETag), null without the header;
     * a value that is no ETag of ours is 412.
     */
    public static Long expected(String ifMatch, String resource) {
        if (ifMatch == null || ifMatch.isBlank()) {
            return null;
        }
        String value = ifMatch.strip();
        if (value.startsWith("W/")) {
            value = value.substring(2);
        }
        try {
            return Long.parseLong(value.replace("\"", ""));
        } catch (NumberFormatException e) {
            throw new ResponseStatusException(HttpStatus.PRECONDITION_FAILED, "If-Match must be an ETag of this " + resource);
        }
    }
}
