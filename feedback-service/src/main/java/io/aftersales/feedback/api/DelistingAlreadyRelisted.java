package io.aftersales.feedback.api;

/** The delisting was already ended (its product relisted, its incident closed); a state conflict, not bad input. */
public class DelistingAlreadyRelisted extends RuntimeException {

    public DelistingAlreadyRelisted(String incidentId) {
        super("Delisting " + incidentId + " was already relisted");
    }
}
