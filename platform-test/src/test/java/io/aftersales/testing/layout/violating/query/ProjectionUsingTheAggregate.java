package io.aftersales.testing.layout.violating.query;

import io.aftersales.testing.layout.violating.command.SpringAwareAggregate;

/** Breaks the read-model rule on purpose: a projection that reads the aggregate. */
public class ProjectionUsingTheAggregate {

    public Object view() {
        return new SpringAwareAggregate();
    }
}
