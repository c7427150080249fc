package io.aftersales.testing.layout.violating.web;

import io.aftersales.testing.layout.violating.command.SpringAwareAggregate;

/** Breaks the adapter rule on purpose: a controller that reaches into command. */
public class ControllerUsingTheAggregate {

    public Object handle() {
        return new SpringAwareAggregate();
    }
}
