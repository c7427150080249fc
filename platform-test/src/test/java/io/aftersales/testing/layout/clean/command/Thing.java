package io.aftersales.testing.layout.clean.command;

import io.aftersales.testing.layout.clean.api.OpenThing;

/** An aggregate that knows only its api. */
public class Thing {

    public Thing(OpenThing command) {
        command.id();
    }
}
