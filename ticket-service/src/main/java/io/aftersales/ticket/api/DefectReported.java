package io.aftersales.ticket.api;

import org.axonframework.serialization.Revision;

import java.time.Instant;
import java.util.List;

/**
 * The ticket reports a quality defect of a product from a production batch: the fact that
 * batch-defect detection counts. {@code batch} is null when the buyer could not tell it.
 */
@Revision("1")
public record DefectReported(
        String ticketId,
        String storeId,
        Platform platform,
        String buyerId,
        String sku,
        String styleCode,
        String batch,
        Category category,
        String defectType,
        int quantity,
        List<Evidence> evidence,
        String reportedBy,
        Instant reportedAt) {

    /** What the defect is counted against: the style (款号) when known, otherwise the SKU. */
    public String product() {
        return Product.of(styleCode, sku);
    }
}
