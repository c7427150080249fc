package io.aftersales.feedback.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** QA clears the product batch of an open incident: the product goes back on sale. */
public record RelistProduct(
        @TargetAggregateIdentifier String productBatchId,
        String incidentId,
        String note,
        String actor,
        Instant requestedAt) {
}
