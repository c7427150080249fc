package io.aftersales.testing.layout.violating.messaging;

import io.aftersales.testing.layout.violating.command.SpringAwareAggregate;

/** Breaks the adapter rule on purpose: a listener that reaches into command. */
public class ListenerUsingTheAggregate {

    public Object handle() {
        return new SpringAwareAggregate();
    }
}
