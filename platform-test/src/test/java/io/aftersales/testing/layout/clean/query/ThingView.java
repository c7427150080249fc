package io.aftersales.testing.layout.clean.query;

import io.aftersales.testing.layout.clean.api.OpenThing;

/** A read model built from the api's messages. */
public record ThingView(String id) {

    public static ThingView of(OpenThing command) {
        return new ThingView(command.id());
    }
}
