package io.aftersales.testing.layout.clean.messaging;

import io.aftersales.testing.layout.clean.api.OpenThing;

/** A listener that translates a message to a command and nothing more. */
public class ThingListener {

    public OpenThing on(String id) {
        return new OpenThing(id);
    }
}
