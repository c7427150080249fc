package io.aftersales.feedback.api;

/** No incident with this id on the product batch. */
public class IncidentNotFound extends RuntimeException {

    public IncidentNotFound(String incidentId) {
        super("No incident " + incidentId);
    }
}
