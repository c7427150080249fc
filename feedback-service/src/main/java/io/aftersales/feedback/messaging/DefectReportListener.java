package io.aftersales.feedback.messaging;

import io.aftersales.contracts.Topics;
import io.aftersales.contracts.tickets.v1.DefectReported;
import io.aftersales.feedback.api.CountDefectReport;
import io.aftersales.feedback.api.ReportOutcome;
import io.aftersales.feedback.api.ProductBatchIds;
import io.aftersales.platform.messaging.Inbox;
import io.aftersales.platform.messaging.MalformedMessageException;
import io.aftersales.platform.messaging.RecordsInParallel;
import jakarta.annotation.PreDestroy;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Counts the defect reports ticket-service publishes ({@code aftersales.ticket.defect-reported.v1}
 * on {@code aftersales.tickets.v1}); other ticket events are skipped. Each report becomes a
 * {@link CountDefectReport} for its product batch, through the {@link Inbox} (once per CloudEvent
 * id) and idempotent per ticket in the aggregate, so a redelivery or a crash between the two never
 * counts a report twice.
 *
 * <p>The records of a poll are handled {@link RecordsInParallel in parallel} (one ticket's in
 * order): each report waits on three writes to the store, and one at a time the consumer fell
 * minutes behind intake under load, and the delisting with it (ADR 0181).
 */
@Component
public class DefectReportListener {

    /** The listener, its inbox entries and (with the service's group id) its consumer group: {@code <service>.<purpose>}. */
    static final String CONSUMER = "feedback-service.defect-reports";
    static final String GROUP = "${spring.kafka.consumer.group-id}.defect-reports";

    private final Inbox inbox;
    private final CommandGateway commandGateway;
    private final Clock clock;
    private final Map<ReportOutcome, Counter> reports = new EnumMap<>(ReportOutcome.class);
    private final Counter incidents;

    private final RecordsInParallel parallel;

    public DefectReportListener(Inbox inbox, CommandGateway commandGateway, Clock clock, MeterRegistry meterRegistry,
                                @Value("${aftersales.quality.parallel-reports:16}") int parallelReports) {
        this.inbox = inbox;
        this.parallel = new RecordsInParallel(CONSUMER, parallelReports);
        this.commandGateway = commandGateway;
        this.clock = clock;
        for (ReportOutcome outcome : ReportOutcome.values()) {
            reports.put(outcome, Counter.builder("aftersales_defect_reports")
                    .description("Defect reports received, by what counting them did")
                    .tag("outcome", outcome.name().toLowerCase(Locale.ROOT))
                    .register(meterRegistry));
        }
        incidents = Counter.builder("aftersales_quality_incidents")
                .description("Batch-defect incidents raised (product delisted and production alert raised)")
                .register(meterRegistry);
    }

    @KafkaListener(id = CONSUMER, groupId = GROUP, topics = Topics.TICKETS, batch = "true")
    public void on(List<ConsumerRecord<String, byte[]>> records) {
        parallel.handle(records, record ->
                inbox.receive(CONSUMER, record, Set.of(DefectReported.TYPE), event -> count(event.dataAs(DefectReported.class))));
    }

    @PreDestroy
    void stop() {
        parallel.close();
    }

    void count(DefectReported report) {
        requirePresent(report.ticketId(), "ticketId");
        requirePresent(report.buyerId(), "buyerId");
        requirePresent(report.product(), "product");
        requirePresent(report.storeId(), "storeId");
        requirePresent(report.sku(), "sku");
        if (report.reportedAt() == null) {
            throw new MalformedMessageException("DefectReported without reportedAt");
        }
        String batch = report.batch() == null || report.batch().isBlank() ? null : report.batch().strip();
        String product = report.product().strip();
        ReportOutcome outcome = commandGateway.sendAndWait(new CountDefectReport(ProductBatchIds.of(product, batch),
                product, batch, report.ticketId(), report.buyerId(), report.storeId(), report.platform(), report.sku(),
                report.category(), blankToNull(report.defectType()), report.reportedAt(), clock.instant()));
        reports.get(outcome).increment();
        if (outcome == ReportOutcome.INCIDENT_RAISED) {
            incidents.increment();
        }
    }

    private static void requirePresent(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new MalformedMessageException("DefectReported without " + field);
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
