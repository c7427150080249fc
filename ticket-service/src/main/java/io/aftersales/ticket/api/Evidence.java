package io.aftersales.ticket.api;

/** A reference to evidence archived elsewhere (a photo under the buyer's id, a weighing record). */
public record Evidence(String kind, String ref) {
}
