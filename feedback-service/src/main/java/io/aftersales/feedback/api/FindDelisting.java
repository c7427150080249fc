package io.aftersales.feedback.api;

/** One delisting by its incident id. */
public record FindDelisting(String incidentId) {
}
