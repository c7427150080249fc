package io.aftersales.feedback.web;

import io.aftersales.feedback.api.RelistProduct;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import java.time.Instant;

/** The body of {@code POST /api/v1/delistings/{id}/relist}: QA's note on why the product may be sold again. */
public record RelistRequest(@NotBlank @Size(max = 2000) String note) {

    /** QA's relisting of incident {@code incidentId} on its product batch, as this (validated) request asks. */
    RelistProduct toCommand(String productBatchId, String incidentId, String actor, Instant requestedAt) {
        return new RelistProduct(productBatchId, incidentId, note.strip(), actor, requestedAt);
    }
}
