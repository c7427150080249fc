package io.aftersales.feedback.api;

import org.axonframework.serialization.Revision;

import java.time.Instant;

/**
 * A report on a product batch whose incident is open joined the incident's evidence instead of
 * raising another alert. {@code distinctBuyers} and {@code reports} are the incident's totals with it.
 */
@Revision("1")
public record DefectAddedToIncident(
        String productBatchId,
        String incidentId,
        String product,
        String batch,
        DefectReport report,
        int distinctBuyers,
        int reports,
        String addedBy,
        Instant addedAt) {
}
