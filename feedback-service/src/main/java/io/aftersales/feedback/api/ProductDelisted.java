package io.aftersales.feedback.api;

import org.axonframework.serialization.Revision;

import java.time.Instant;
import java.util.List;

/**
 * A batch-defect incident was opened on the product batch and the product taken off sale in every
 * store. {@code crossingTicketId}/{@code crossingReportedAt} name the report that crossed the rule
 * (the start of the report-to-delisting latency).
 */
@Revision("1")
public record ProductDelisted(
        String productBatchId,
        String incidentId,
        String product,
        String batch,
        List<String> skus,
        List<String> storeIds,
        String rule,
        String reason,
        String crossingTicketId,
        Instant crossingReportedAt,
        String delistedBy,
        Instant delistedAt) {
}
