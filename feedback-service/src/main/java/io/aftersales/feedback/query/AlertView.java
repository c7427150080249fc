package io.aftersales.feedback.query;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A production alert (生产问题反馈) with its evidence as it stands: the reports that crossed the rule
 * plus those added while the incident was open. {@code id} is the incident id; {@code status} is
 * {@code OPEN} until the product is relisted, then {@code RESOLVED}.
 */
public record AlertView(
        String id,
        String product,
        String batch,
        String rule,
        String status,
        Map<String, Integer> countsByDefectType,
        int reports,
        int distinctBuyers,
        Instant firstReportedAt,
        Instant lastReportedAt,
        List<String> ticketIds,
        List<String> skus,
        List<String> storeIds,
        String raisedBy,
        Instant raisedAt,
        Instant resolvedAt) {

    public static final String OPEN = "OPEN";
    public static final String RESOLVED = "RESOLVED";
}
