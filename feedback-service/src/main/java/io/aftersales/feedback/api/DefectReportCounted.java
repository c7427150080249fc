package io.aftersales.feedback.api;

import org.axonframework.serialization.Revision;

import java.time.Instant;

/**
 * A ticket's defect report was counted against its product batch, once per ticket.
 * {@code repeatBuyer} says the buyer was already counted on this product batch (by another
 * ticket), so it adds a report but no buyer. {@code batch} is null for "batch unknown".
 */
@Revision("1")
public record DefectReportCounted(
        String productBatchId,
        String product,
        String batch,
        String ticketId,
        String buyerId,
        String storeId,
        String platform,
        String sku,
        String category,
        String defectType,
        Instant reportedAt,
        boolean repeatBuyer,
        String countedBy,
        Instant countedAt) {
}
