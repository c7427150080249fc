package io.aftersales.feedback.api;

/** The incident was already resolved (its product relisted); a state conflict, not bad input. */
public class IncidentAlreadyClosed extends RuntimeException {

    public IncidentAlreadyClosed(String incidentId) {
        super("Incident " + incidentId + " is already closed");
    }
}
