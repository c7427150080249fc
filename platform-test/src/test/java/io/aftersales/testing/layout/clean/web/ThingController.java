package io.aftersales.testing.layout.clean.web;

import io.aftersales.testing.layout.clean.api.OpenThing;

/** A controller that maps a request to a command and nothing more. */
public class ThingController {

    public OpenThing open(String id) {
        return new OpenThing(id);
    }
}
