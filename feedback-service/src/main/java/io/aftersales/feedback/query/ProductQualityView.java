package io.aftersales.feedback.query;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A product's defect reports (one per ticket) by batch and defect type, and its open incidents.
 * Reports without a batch are grouped under {@code batchKnown: false}.
 */
public record ProductQualityView(
        String product,
        int reports,
        int distinctBuyers,
        List<BatchCounts> batches,
        List<DelistingView> openIncidents) {

    public record BatchCounts(String batch, boolean batchKnown, int reports, int distinctBuyers,
                              Map<String, Integer> byDefectType, Instant lastReportedAt) {
    }
}
