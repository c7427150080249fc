package io.aftersales.feedback.command;

import io.aftersales.feedback.api.ProductBatchIds;
import io.aftersales.feedback.FeedbackServiceApplication;
import io.aftersales.feedback.FeedbackServiceIT;
import io.aftersales.feedback.api.CountDefectReport;
import io.aftersales.feedback.api.ReportOutcome;
import io.aftersales.testing.TestInfrastructure;
import io.aftersales.testing.TestTokens;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two instances of feedback-service on the same database (a second application context in this
 * JVM, so two command buses, two aggregate locks) receive the same burst at the same time, each
 * report at both. The event store settles every race: one incident, every report counted once.
 */
class TwoInstancesIT extends FeedbackServiceIT {

    private static ConfigurableApplicationContext second;

    @Autowired
    private CommandGateway first;

    @Autowired
    private EventStore eventStore;

    @Autowired
    private MeterRegistry meterRegistry;

    @BeforeAll
    static void startSecondInstance() {
        second = new SpringApplicationBuilder(FeedbackServiceApplication.class).run(
                "--server.port=0", "--management.server.port=0",
                "--spring.data.mongodb.uri=" + TestInfrastructure.mongoUri(),
                "--spring.data.mongodb.database=aftersales_feedback_it",
                "--spring.kafka.bootstrap-servers=" + TestInfrastructure.kafkaBootstrapServers(),
                "--spring.kafka.listener.auto-startup=false",
                "--spring.security.oauth2.resourceserver.jwt.public-key-location=" + TestTokens.publicKeyLocation(),
                "--aftersales.messaging.partitions=3");
    }

    @AfterAll
    static void stopSecondInstance() {
        if (second != null) {
            second.close();
        }
    }

    @Test
    void the_same_burst_at_two_instances_at_once_raises_exactly_one_incident_and_counts_every_report_once()
            throws Exception {
        CommandGateway other = second.getBean(CommandGateway.class);
        String product = newProduct("RACE");
        String productBatch = ProductBatchIds.of(product, "B1");
        Instant start = Instant.now();
        int buyers = 12;
        List<CountDefectReport> burst = new ArrayList<>();
        for (int b = 0; b < buyers; b++) {
            burst.add(new CountDefectReport(productBatch, product, "B1", "ticket-" + product + "-" + b, "buyer-" + b,
                    "tmall-flagship", "TMALL", product + "-RED-M", "QUALITY", "COLOUR_FADING",
                    start.plusSeconds(b), Instant.now()));
        }

        ExecutorService threads = Executors.newFixedThreadPool(8);
        List<Future<ReportOutcome>> outcomes = new ArrayList<>();
        try {
            for (CountDefectReport report : burst) {
                // every report at both instances, twice each (redelivery), all at once
                for (CommandGateway gateway : List.of(first, other, first, other)) {
                    outcomes.add(threads.submit((Callable<ReportOutcome>) () -> gateway.sendAndWait(report)));
                }
            }
            Map<ReportOutcome, Integer> counts = new HashMap<>();
            for (Future<ReportOutcome> outcome : outcomes) {
                counts.merge(outcome.get(), 1, Integer::sum);
            }

            assertThat(counts.get(ReportOutcome.INCIDENT_RAISED)).isEqualTo(1);
            assertThat(counts.get(ReportOutcome.DUPLICATE)).isEqualTo(buyers * 3);
            assertThat(counts.getOrDefault(ReportOutcome.COUNTED, 0) + counts.get(ReportOutcome.INCIDENT_RAISED)
                    + counts.getOrDefault(ReportOutcome.ADDED_TO_INCIDENT, 0)).isEqualTo(buyers);
        } finally {
            threads.shutdownNow();
        }

        List<String> types = new ArrayList<>();
        eventStore.readEvents(productBatch).asStream().forEach(e -> types.add(e.getPayloadType().getSimpleName()));
        assertThat(types.stream().filter("DefectReportCounted"::equals).count()).isEqualTo(buyers);
        assertThat(types.stream().filter("ProductDelisted"::equals).count()).isEqualTo(1);
        assertThat(types.stream().filter("ProductionAlertRaised"::equals).count()).isEqualTo(1);
        assertThat(types.stream().filter("DefectAddedToIncident"::equals).count()).isEqualTo(buyers - 5);
        double retries = meterRegistry.get("aftersales_command_conflict_retries").counter().count()
                + second.getBean(MeterRegistry.class).get("aftersales_command_conflict_retries").counter().count();
        assertThat(retries).as("races were lost and retried, not avoided").isPositive();
    }

    /**
     * Failure mode "hot aggregate": 500 different buyers report on one product batch at once, half
     * at each instance. Every report is counted once, the stream's sequence numbers are contiguous
     * (no duplicate, no hole), and the batch is delisted exactly once.
     */
    @Test
    void five_hundred_concurrent_reports_on_one_product_batch_over_two_instances_delist_it_exactly_once()
            throws Exception {
        CommandGateway other = second.getBean(CommandGateway.class);
        String product = newProduct("HOT");
        String productBatch = ProductBatchIds.of(product, "B1");
        Instant start = Instant.now();
        int reports = 500;

        ExecutorService threads = Executors.newFixedThreadPool(16);
        List<Future<ReportOutcome>> outcomes = new ArrayList<>();
        long began = System.nanoTime();
        try {
            for (int b = 0; b < reports; b++) {
                CountDefectReport report = new CountDefectReport(productBatch, product, "B1",
                        "ticket-" + product + "-" + b, "buyer-" + b, "tmall-flagship", "TMALL", product + "-RED-M",
                        "QUALITY", "COLOUR_FADING", start.plusMillis(b), Instant.now());
                CommandGateway gateway = b % 2 == 0 ? first : other;
                outcomes.add(threads.submit((Callable<ReportOutcome>) () -> gateway.sendAndWait(report)));
            }
            Map<ReportOutcome, Integer> counts = new HashMap<>();
            for (Future<ReportOutcome> outcome : outcomes) {
                counts.merge(outcome.get(), 1, Integer::sum);
            }
            assertThat(counts).containsEntry(ReportOutcome.INCIDENT_RAISED, 1)
                    .containsEntry(ReportOutcome.COUNTED, 4)
                    .containsEntry(ReportOutcome.ADDED_TO_INCIDENT, reports - 5);
        } finally {
            threads.shutdownNow();
        }
        long millis = (System.nanoTime() - began) / 1_000_000;

        List<Long> sequenceNumbers = new ArrayList<>();
        List<String> types = new ArrayList<>();
        eventStore.readEvents(productBatch).asStream().forEach(e -> {
            sequenceNumbers.add(e.getSequenceNumber());
            types.add(e.getPayloadType().getSimpleName());
        });
        assertThat(sequenceNumbers).as("contiguous from 0").isEqualTo(
                java.util.stream.LongStream.range(0, sequenceNumbers.size()).boxed().toList());
        assertThat(types.stream().filter("DefectReportCounted"::equals).count()).isEqualTo(reports);
        assertThat(types.stream().filter("ProductDelisted"::equals).count()).isEqualTo(1);
        assertThat(types.stream().filter("ProductionAlertRaised"::equals).count()).isEqualTo(1);
        assertThat(types.stream().filter("DefectAddedToIncident"::equals).count()).isEqualTo(reports - 5);
        org.slf4j.LoggerFactory.getLogger(TwoInstancesIT.class)
                .info("hot aggregate: {} reports over 2 instances in {} ms, {} events", reports, millis, types.size());
    }
}
