package io.aftersales.feedback.api;

import java.time.Instant;

/** One defect report as evidence of an incident. {@code defectType} is null when not classified. */
public record DefectReport(String ticketId, String buyerId, String storeId, String sku, String category,
                             String defectType, Instant reportedAt) {

    /** The key reports are counted by per defect type. */
    public String defectTypeOrUnclassified() {
        return defectType == null ? UNCLASSIFIED : defectType;
    }

    public static final String UNCLASSIFIED = "UNCLASSIFIED";
}
