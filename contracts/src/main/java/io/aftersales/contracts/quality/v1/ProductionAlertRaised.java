package io.aftersales.contracts.quality.v1;

import io.aftersales.contracts.IntegrationEvent;

import java.time.Instant;
import java.util.List;

/**
 * A production alert (生产问题反馈) for the factory and QA: many different buyers reported a defect
 * on the same product and batch within a short window. Raised once per incident, together with
 * {@link ProductDelisted}; later reports arrive as {@link DefectAddedToIncident}.
 * Published on {@code aftersales.quality.v1} as CloudEvents type {@value #TYPE}; Kafka key = {@code product}.
 *
 * @param incidentId         the incident
 * @param product            the style code, or the SKU when no style is given
 * @param batch              the production batch; set for every batch-defect alert
 * @param rule               the name of the rule that was crossed (see {@code GET /api/v1/quality/rules})
 * @param countsByDefectType reports in the evidence per defect type, most reported first ({@code UNCLASSIFIED}
 *                           for reports without one)
 * @param distinctBuyers     distinct buyers in the evidence
 * @param firstReportedAt    the earliest report in the evidence
 * @param lastReportedAt     the latest report in the evidence
 * @param ticketIds          the first tickets of the evidence, in report order: at most {@value #MAX_TICKET_IDS}
 *                           (an event carries ids and counts, never an unbounded list; the whole
 *                           evidence is at {@code GET /api/v1/quality/alerts} on feedback-service)
 * @param ticketCount        how many tickets the evidence holds (≥ the size of {@code ticketIds}); null in
 *                           alerts published before it existed, whose {@code ticketIds} are complete
 * @param raisedBy           the actor: {@code system}
 * @param raisedAt           when the alert was raised (also {@code ce_time})
 */
public record ProductionAlertRaised(
        String incidentId,
        String product,
        String batch,
        String rule,
        List<DefectCount> countsByDefectType,
        int distinctBuyers,
        Instant firstReportedAt,
        Instant lastReportedAt,
        List<String> ticketIds,
        Integer ticketCount,
        String raisedBy,
        Instant raisedAt) implements IntegrationEvent {

    public static final String TYPE = "aftersales.quality.production-alert-raised.v1";

    /** The most ticket ids one alert carries. */
    public static final int MAX_TICKET_IDS = 20;

    public ProductionAlertRaised {
        if (ticketIds != null && ticketIds.size() > MAX_TICKET_IDS) {
            throw new IllegalArgumentException("An alert carries at most " + MAX_TICKET_IDS + " ticket ids, not "
                    + ticketIds.size() + ": the first ones and ticketCount");
        }
    }

    /** The alert of an evidence of these tickets (in report order): the first ones and their total. */
    public static List<String> firstTicketIds(List<String> allTicketIds) {
        return List.copyOf(allTicketIds.subList(0, Math.min(MAX_TICKET_IDS, allTicketIds.size())));
    }

    @Override
    public String subject() {
        return QualitySubjects.of(product, batch);
    }
}
