package io.aftersales.feedback.api;

import org.axonframework.serialization.Revision;

import java.time.Instant;

/** QA cleared the product batch: the product is back on sale and the incident closed. */
@Revision("1")
public record ProductRelisted(
        String productBatchId,
        String incidentId,
        String product,
        String batch,
        String note,
        String relistedBy,
        Instant relistedAt) {
}
