package io.aftersales.feedback.api;

import org.axonframework.serialization.Revision;

import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The production alert (生产问题反馈) of an incident, with its evidence: the reports inside the window
 * that crossed the rule, in report order.
 */
@Revision("1")
public record ProductionAlertRaised(
        String productBatchId,
        String incidentId,
        String product,
        String batch,
        String rule,
        List<DefectReport> evidence,
        String raisedBy,
        Instant raisedAt) {

    /** Reports per defect type, most reported first (then by name). */
    public Map<String, Integer> countsByDefectType() {
        return countByDefectType(evidence);
    }

    public int distinctBuyers() {
        return (int) evidence.stream().map(DefectReport::buyerId).distinct().count();
    }

    public Instant firstReportedAt() {
        return evidence.stream().map(DefectReport::reportedAt).min(Comparator.naturalOrder()).orElseThrow();
    }

    public Instant lastReportedAt() {
        return evidence.stream().map(DefectReport::reportedAt).max(Comparator.naturalOrder()).orElseThrow();
    }

    public List<String> ticketIds() {
        return evidence.stream().map(DefectReport::ticketId).toList();
    }

    public static Map<String, Integer> countByDefectType(List<DefectReport> reports) {
        Map<String, Integer> counts = reports.stream().collect(Collectors.groupingBy(
                DefectReport::defectTypeOrUnclassified, Collectors.summingInt(r -> 1)));
        return counts.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, LinkedHashMap::new));
    }
}
