package io.aftersales.testing.layout.violating.command;

import org.springframework.stereotype.Component;

/** Breaks the domain rule on purpose: a decision that knows Spring. */
@Component
public class SpringAwareAggregate {
}
