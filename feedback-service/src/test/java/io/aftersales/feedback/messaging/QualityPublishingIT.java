package io.aftersales.feedback.messaging;

import com.fasterxml.jackson.databind.JsonNode;
import io.aftersales.contracts.Topics;
import io.aftersales.contracts.quality.v1.DefectAddedToIncident;
import io.aftersales.contracts.quality.v1.ProductDelisted;
import io.aftersales.contracts.quality.v1.ProductRelisted;
import io.aftersales.contracts.quality.v1.ProductionAlertRaised;
import io.aftersales.contracts.quality.v1.QualitySubjects;
import io.aftersales.feedback.FeedbackServiceIT;
import io.aftersales.platform.messaging.IntegrationJson;
import io.aftersales.testing.ContractSchemas;
import io.aftersales.testing.TopicReader;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.aftersales.testing.TopicReader.header;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Batch-defect detection end to end inside feedback-service: reports in, one incident out, relisting, a new burst. */
class QualityPublishingIT extends FeedbackServiceIT {

    @Autowired
    private MeterRegistry meterRegistry;

    @Test
    void five_buyers_in_two_stores_delist_the_product_and_raise_one_alert_then_relisting_closes_the_incident()
            throws Exception {
        String product = newProduct("JK");
        String batch = "B2026-11-A";
        Instant start = Instant.now().minusSeconds(600);
        List<String> tickets = new ArrayList<>();
        for (int buyer = 1; buyer <= 5; buyer++) {
            tickets.add(report("buyer-" + buyer, buyer % 2 == 0 ? "jd-outdoor" : "tmall-flagship", product, batch,
                    buyer == 3 ? "LOOSE_THREADS" : "COLOUR_FADING", start.plusSeconds(buyer)));
        }

        try (TopicReader quality = TopicReader.fromBeginning(Topics.QUALITY)) {
            List<ConsumerRecord<String, byte[]>> incident = quality.awaitDistinctEvents(r -> product.equals(r.key()), 2,
                    Duration.ofSeconds(30));
            assertThat(incident).extracting(r -> header(r, "ce_type"))
                    .containsExactly(ProductDelisted.TYPE, ProductionAlertRaised.TYPE);
            for (ConsumerRecord<String, byte[]> record : incident) {
                assertThat(header(record, "ce_specversion")).isEqualTo("1.0");
                assertThat(header(record, "ce_id")).isNotBlank();
                assertThat(header(record, "ce_source")).isEqualTo("/aftersales/feedback-service");
                assertThat(header(record, "ce_subject")).isEqualTo(QualitySubjects.of(product, batch));
                assertThat(Instant.parse(header(record, "ce_time"))).isBefore(Instant.now().plusSeconds(1));
                assertThat(header(record, "content-type")).isEqualTo("application/json");
                assertThat(ContractSchemas.violations(header(record, "ce_type"), record.value())).isEmpty();
            }
            ProductDelisted delisted = IntegrationJson.mapper().readValue(incident.get(0).value(), ProductDelisted.class);
            assertThat(delisted.storeIds()).containsExactly("jd-outdoor", "tmall-flagship");
            assertThat(delisted.delistedBy()).isEqualTo("system");
            ProductionAlertRaised alert = IntegrationJson.mapper().readValue(incident.get(1).value(),
                    ProductionAlertRaised.class);
            assertThat(alert.incidentId()).isEqualTo(delisted.incidentId());
            assertThat(alert.ticketIds()).containsExactlyElementsOf(tickets);
            assertThat(alert.distinctBuyers()).isEqualTo(5);
            assertThat(alert.countsByDefectType()).extracting(c -> c.defectType() + "=" + c.reports())
                    .containsExactly("COLOUR_FADING=4", "LOOSE_THREADS=1");
            String incidentId = delisted.incidentId();

            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                web.get().uri(b -> b.path("/api/v1/delistings").queryParam("product", product).build()).exchange()
                        .expectStatus().isOk()
                        .expectBody()
                        .jsonPath("$.items.length()").isEqualTo(1)
                        .jsonPath("$.items[0].id").isEqualTo(incidentId)
                        .jsonPath("$.items[0].status").isEqualTo("ACTIVE")
                        .jsonPath("$.items[0].batch").isEqualTo(batch)
                        .jsonPath("$.page.totalItems").isEqualTo(1);
                web.get().uri(b -> b.path("/api/v1/alerts").queryParam("sku", product + "-NAVY-L").build()).exchange()
                        .expectStatus().isOk()
                        .expectBody()
                        .jsonPath("$.items.length()").isEqualTo(1)
                        .jsonPath("$.items[0].id").isEqualTo(incidentId)
                        .jsonPath("$.items[0].distinctBuyers").isEqualTo(5)
                        .jsonPath("$.items[0].countsByDefectType.COLOUR_FADING").isEqualTo(4)
                        .jsonPath("$.items[0].status").isEqualTo("OPEN");
            });
            assertThat(meterRegistry.get("aftersales_delisting_latency").timer().count()).isPositive();
            assertThat(meterRegistry.get("aftersales_delistings_active").gauge().value()).isPositive();

            // a sixth buyer joins the incident: no second alert
            String sixth = report("buyer-6", "douyin-shop", product, batch, "COLOUR_FADING", start.plusSeconds(6));
            List<ConsumerRecord<String, byte[]>> afterSixth = quality.awaitDistinctEvents(
                    r -> product.equals(r.key()), 3, Duration.ofSeconds(30));
            ConsumerRecord<String, byte[]> added = afterSixth.get(afterSixth.size() - 1);
            assertThat(header(added, "ce_type")).isEqualTo(DefectAddedToIncident.TYPE);
            assertThat(ContractSchemas.violations(DefectAddedToIncident.TYPE, added.value())).isEmpty();
            JsonNode addedJson = IntegrationJson.mapper().readTree(added.value());
            assertThat(addedJson.get("ticketId").asText()).isEqualTo(sixth);
            assertThat(addedJson.get("distinctBuyers").asInt()).isEqualTo(6);

            // QA relists with a note
            web.post().uri("/api/v1/delistings/{id}/relist", incidentId).contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(Map.of("note", "Factory re-inspected the batch; fading test passed"))
                    .exchange()
                    .expectStatus().isOk()
                    .expectBody()
                    .jsonPath("$.status").isEqualTo("RELISTED")
                    .jsonPath("$.relistedBy").isEqualTo(QA_USER);
            List<ConsumerRecord<String, byte[]>> afterRelist = quality.awaitDistinctEvents(
                    r -> product.equals(r.key()), 4, Duration.ofSeconds(30));
            ConsumerRecord<String, byte[]> relisted = afterRelist.get(afterRelist.size() - 1);
            assertThat(header(relisted, "ce_type")).isEqualTo(ProductRelisted.TYPE);
            assertThat(ContractSchemas.violations(ProductRelisted.TYPE, relisted.value())).isEmpty();
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                    web.get().uri("/api/v1/delistings/{id}", incidentId).exchange()
                            .expectStatus().isOk()
                            .expectBody().jsonPath("$.status").isEqualTo("RELISTED"));

            // a new burst after the relisting opens a new incident
            Instant later = Instant.now();
            for (int buyer = 11; buyer <= 15; buyer++) {
                report("buyer-" + buyer, "tmall-flagship", product, batch, "COLOUR_FADING", later.plusSeconds(buyer));
            }
            List<ConsumerRecord<String, byte[]>> all = quality.awaitDistinctEvents(
                    r -> product.equals(r.key()), 6, Duration.ofSeconds(30));
            List<String> types = all.stream().map(r -> header(r, "ce_type")).distinct().toList();
            assertThat(types).contains(ProductDelisted.TYPE, ProductionAlertRaised.TYPE);
            ProductDelisted second = IntegrationJson.mapper().readValue(all.stream()
                    .filter(r -> ProductDelisted.TYPE.equals(header(r, "ce_type")))
                    .reduce((first, last) -> last).orElseThrow().value(), ProductDelisted.class);
            assertThat(second.incidentId()).isNotEqualTo(incidentId);
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                    web.get().uri(b -> b.path("/api/v1/delistings").queryParam("product", product).build()).exchange()
                            .expectBody()
                            .jsonPath("$.items.length()").isEqualTo(2)
                            .jsonPath("$.items[0].id").isEqualTo(second.incidentId())
                            .jsonPath("$.items[0].status").isEqualTo("ACTIVE")
                            .jsonPath("$.items[1].status").isEqualTo("RELISTED"));
        }
    }
}
