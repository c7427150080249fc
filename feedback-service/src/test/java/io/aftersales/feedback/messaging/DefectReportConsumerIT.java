package io.aftersales.feedback.messaging;

import io.aftersales.contracts.ContractResources;
import io.aftersales.contracts.Topics;
import io.aftersales.contracts.tickets.v1.DefectReported;
import io.aftersales.contracts.tickets.v1.TicketOpened;
import io.aftersales.feedback.FeedbackServiceIT;
import io.aftersales.testing.TopicReader;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The consumer side of aftersales.ticket.defect-reported.v1, fed as ticket-service publishes it. */
class DefectReportConsumerIT extends FeedbackServiceIT {

    @Test
    void the_producers_sample_defect_report_is_counted_against_its_product_and_batch() {
        byte[] sample = ContractResources.sample(DefectReported.TYPE).getBytes(StandardCharsets.UTF_8);
        publish(UUID.randomUUID().toString(), "0f6b3c52-8d1e-4a7b-9c3f-2e5d7a9b1c40", sample).join();

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> web.get().uri("/api/v1/quality/products/{p}", "JK2611")
                .exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.reports").isEqualTo(1)
                .jsonPath("$.distinctBuyers").isEqualTo(1)
                .jsonPath("$.batches[0].batch").isEqualTo("B2026-11-A")
                .jsonPath("$.batches[0].byDefectType.COLOUR_FADING").isEqualTo(1)
                .jsonPath("$.openIncidents.length()").isEqualTo(0));
    }

    @Test
    void the_same_cloud_event_twice_and_the_same_ticket_under_a_new_event_id_are_counted_once() {
        String product = newProduct("DUP");
        String ticketId = UUID.randomUUID().toString();
        byte[] payload = defectReport(ticketId, "buyer-1", "tmall-flagship", product, "B1", "STAIN", Instant.now());
        String eventId = UUID.randomUUID().toString();
        publish(eventId, ticketId, payload).join();
        publish(eventId, ticketId, payload).join();
        // a crash between counting and the inbox record: the same ticket again, under another event id
        publish(UUID.randomUUID().toString(), ticketId, payload).join();
        // not a defect report: skipped
        publish(UUID.randomUUID().toString(), ticketId, TicketOpened.TYPE,
                ContractResources.sample(TicketOpened.TYPE).getBytes(StandardCharsets.UTF_8)).join();
        // same key, so same partition: once this one is counted, every record before it was handled
        String markerTicket = UUID.randomUUID().toString();
        publish(UUID.randomUUID().toString(), ticketId,
                defectReport(markerTicket, "buyer-2", "tmall-flagship", product, "B1", "STAIN", Instant.now())).join();

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> web.get().uri("/api/v1/quality/products/{p}", product)
                .exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.reports").isEqualTo(2)
                .jsonPath("$.distinctBuyers").isEqualTo(2));
    }

    @Test
    void a_record_that_is_not_a_cloud_event_goes_to_the_dead_letter_topic() {
        String key = "not-a-cloud-event-" + UUID.randomUUID();
        kafka.send(new ProducerRecord<>(Topics.TICKETS, key, "{}".getBytes(StandardCharsets.UTF_8))).join();

        try (TopicReader dlt = TopicReader.fromBeginning(Topics.TICKETS + Topics.DEAD_LETTER_SUFFIX)) {
            assertThat(dlt.awaitRecords(r -> key.equals(r.key()), 1, Duration.ofSeconds(30))).hasSize(1);
        }
    }

    @Test
    void a_defect_report_without_a_batch_counts_toward_the_product_as_batch_unknown() {
        String product = newProduct("NOBATCH");
        for (int buyer = 1; buyer <= 6; buyer++) {
            report("buyer-" + buyer, "tmall-flagship", product, null, "STAIN", Instant.now());
        }

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> web.get().uri("/api/v1/quality/products/{p}", product)
                .exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.reports").isEqualTo(6)
                .jsonPath("$.batches[0].batchKnown").isEqualTo(false)
                .jsonPath("$.batches[0].distinctBuyers").isEqualTo(6)
                .jsonPath("$.openIncidents.length()").isEqualTo(0));
        web.get().uri(b -> b.path("/api/v1/delistings").queryParam("product", product).build()).exchange()
                .expectStatus().isOk()
                .expectBody(Map.class).value(body -> assertThat((java.util.List<?>) body.get("items")).isEmpty());
    }
}
