package io.aftersales.feedback.api;

/**
 * No delisting with this id on the product batch. A delisting is named by its incident's id; to
 * clients (paths, errors) it is always "the delisting".
 */
public class DelistingNotFound extends RuntimeException {

    public DelistingNotFound(String incidentId) {
        super("No delisting " + incidentId);
    }
}
