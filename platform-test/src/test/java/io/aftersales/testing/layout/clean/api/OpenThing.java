package io.aftersales.testing.layout.clean.api;

/** A command record, as a service's api holds them. */
public record OpenThing(String id) {
}
