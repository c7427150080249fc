package io.aftersales.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aftersales.launcher.ServiceProcess;
import io.aftersales.launcher.Supervisor;
import io.aftersales.testing.TopicReader;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.ConsumerGroupState;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The headline behaviour on the real processes: five buyers report the same defect on the same
 * batch and, within seconds, the product is delisted, production is alerted and the open tickets
 * know it; also when feedback-service is killed mid-burst or runs twice.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BatchDefectE2EIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> STORES = List.of("tmall-flagship", "jd-sports-01");

    private static Supervisor system;
    private static ServiceProcess tickets;
    private static ServiceProcess feedback;
    private static String admin;

    @BeforeAll
    static void startTheSystem() {
        system = SharedSystem.supervisor();
        List<ServiceProcess> running = SharedSystem.services("ticket-service", "refund-service", "logistics-service",
                "feedback-service");
        tickets = running.get(0);
        feedback = running.get(3);
        admin = system.token("qa-lead", List.of("ADMIN"), List.of());
    }

    @Test
    @Order(1)
    void five_quality_tickets_in_two_stores_delist_the_product_and_alert_production_within_five_seconds() throws Exception {
        String style = "JK-" + shortId();
        List<String> ticketIds = new ArrayList<>();
        for (int buyer = 1; buyer <= 5; buyer++) {
            ticketIds.add(openQualityTicket(style, "B2026-11-A", "buyer-" + buyer, STORES.get(buyer % 2)));
        }

        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(100)).until(() ->
                items("/api/v1/delistings?product=" + style).size() == 1
                        && items("/api/v1/alerts?product=" + style).size() == 1);
        JsonNode alert = items("/api/v1/alerts?product=" + style).get(0);
        assertThat(alert.get("distinctBuyers").asInt()).isEqualTo(5);
        assertThat(alert.get("ticketIds")).hasSize(5);
        JsonNode delisting = items("/api/v1/delistings?product=" + style).get(0);
        assertThat(delisting.get("storeIds").toString()).contains(STORES.get(0), STORES.get(1));

        List<ConsumerRecord<String, byte[]>> published = readQualityEvents(style, 2);
        assertThat(published).extracting(r -> TopicReader.header(r, "ce_type")).contains(
                "aftersales.quality.product-delisted.v1", "aftersales.quality.production-alert-raised.v1");

        for (String ticketId : ticketIds) {
            await().atMost(Duration.ofSeconds(10)).until(() -> !ticket(ticketId).path("batchDefect").isMissingNode()
                    && !ticket(ticketId).path("batchDefect").isNull());
            assertThat(ticket(ticketId).get("batchDefect").get("incidentId").asText())
                    .isEqualTo(delisting.get("id").asText());
        }
    }

    @Test
    @Order(2)
    void feedback_killed_mid_burst_and_a_redelivered_report_still_give_one_incident_with_every_report_once()
            throws Exception {
        String style = "SH-" + shortId();
        List<CompletableFuture<String>> burst = new ArrayList<>();
        for (int buyer = 1; buyer <= 3; buyer++) {
            String name = "buyer-" + buyer;
            burst.add(CompletableFuture.supplyAsync(() -> openQuietly(style, name)));
        }
        feedback.killHard();
        for (int buyer = 4; buyer <= 6; buyer++) {
            String name = "buyer-" + buyer;
            burst.add(CompletableFuture.supplyAsync(() -> openQuietly(style, name)));
        }
        burst.forEach(CompletableFuture::join);
        feedback = system.start("feedback-service", "1-restarted").awaitReady(Duration.ofMinutes(2));
        SharedSystem.replace("feedback-service", feedback);

        await().atMost(Duration.ofSeconds(60)).until(() -> reportsOf(style) == 6);
        double duplicatesBefore = inboxDuplicates(feedback);
        redeliverOneDefectReport(style);
        await().atMost(Duration.ofSeconds(30)).until(() -> inboxDuplicates(feedback) > duplicatesBefore);
        JsonNode quality = feedbackJson("/api/v1/quality/products/" + style);
        assertThat(quality.get("reports").asInt()).isEqualTo(6);
        assertThat(quality.get("distinctBuyers").asInt()).isEqualTo(6);
        assertThat(items("/api/v1/alerts?product=" + style)).hasSize(1);
        assertThat(items("/api/v1/delistings?product=" + style)).hasSize(1);
    }

    @Test
    @Order(3)
    void two_feedback_instances_share_the_work_and_raise_exactly_one_incident_per_burst() throws Exception {
        ServiceProcess second = system.start("feedback-service", "2").awaitReady(Duration.ofMinutes(2));
        awaitTicketPartitionsSharedByTwoMembers();
        List<String> styles = List.of("A-" + shortId(), "B-" + shortId(), "C-" + shortId());
        List<CompletableFuture<String>> burst = new ArrayList<>();
        for (String style : styles) {
            for (int buyer = 1; buyer <= 6; buyer++) {
                String name = "buyer-" + buyer;
                burst.add(CompletableFuture.supplyAsync(() -> openQuietly(style, name)));
            }
        }
        burst.forEach(CompletableFuture::join);

        for (String style : styles) {
            await().atMost(Duration.ofSeconds(30)).until(() -> reportsOf(style) == 6
                    && items("/api/v1/alerts?product=" + style).size() == 1);
            assertThat(items("/api/v1/delistings?product=" + style)).hasSize(1);
        }
        assertThat(countedReports(feedback) + countedReports(second)).isGreaterThanOrEqualTo(18);
        assertThat(countedReports(second)).as("the second instance took part").isPositive();
        assertThat(countedReports(feedback)).as("the first instance took part").isPositive();
    }

    /** Ready is not yet a member: wait until the group has handed both instances their share of the topic. */
    private static void awaitTicketPartitionsSharedByTwoMembers() {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, system.kafkaBootstrapServers()))) {
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> {
                ConsumerGroupDescription group = admin.describeConsumerGroups(List.of("feedback-service.defect-reports"))
                        .describedGroups().get("feedback-service.defect-reports").get();
                return group.state() == ConsumerGroupState.STABLE && group.members().stream()
                        .filter(member -> member.assignment().topicPartitions().stream()
                                .anyMatch(partition -> partition.topic().equals("aftersales.tickets.v1")))
                        .map(member -> member.clientId().startsWith(Supervisor.clientId("feedback-service", "2"))
                                ? "second" : "first")
                        .distinct().count() == 2;
            });
        }
    }

    private static String openQuietly(String style, String buyer) {
        try {
            return openQualityTicket(style, "B-BURST", buyer, STORES.get(Math.abs(buyer.hashCode()) % 2));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String openQualityTicket(String style, String batch, String buyer, String store) throws Exception {
        String body = JSON.writeValueAsString(Map.ofEntries(
                Map.entry("storeId", store), Map.entry("platform", store.startsWith("jd") ? "JD" : "TMALL"),
                Map.entry("orderId", "O-" + shortId()), Map.entry("externalId", "AS-" + UUID.randomUUID()),
                Map.entry("buyerId", buyer + "-" + style), Map.entry("sku", style + "-RED-M"),
                Map.entry("styleCode", style), Map.entry("batch", batch), Map.entry("quantity", 1),
                Map.entry("paidAmount", Map.of("amount", "259.00", "currency", "CNY")),
                Map.entry("category", "QUALITY"), Map.entry("defectType", "COLOUR_FADING")));
        var response = tickets.post("/api/v1/tickets", body, admin);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return JSON.readTree(response.body()).get("id").asText();
    }

    private static JsonNode ticket(String id) throws Exception {
        return JSON.readTree(tickets.get("/api/v1/tickets/" + id, admin).body());
    }

    private static JsonNode feedbackJson(String path) throws Exception {
        return JSON.readTree(feedback.get(path, admin).body());
    }

    private static List<JsonNode> items(String path) throws Exception {
        List<JsonNode> items = new ArrayList<>();
        feedbackJson(path).path("items").forEach(items::add);
        return items;
    }

    private static int reportsOf(String style) throws Exception {
        var response = feedback.get("/api/v1/quality/products/" + style, admin);
        return response.statusCode() == 200 ? JSON.readTree(response.body()).get("reports").asInt() : 0;
    }

    private static double countedReports(ServiceProcess instance) throws Exception {
        return metric(instance, "aftersales_defect_reports_total{", "");
    }

    private static double inboxDuplicates(ServiceProcess instance) throws Exception {
        return metric(instance, "aftersales_inbox_messages_total{", "outcome=\"duplicate\"");
    }

    /** The sum of a Prometheus metric's samples whose line contains {@code labelFilter}. */
    private static double metric(ServiceProcess instance, String prefix, String labelFilter) throws Exception {
        String metrics = ServiceProcess.HTTP.send(java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create("http://localhost:" + instance.managementPort() + "/actuator/prometheus")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString()).body();
        return metrics.lines().filter(line -> line.startsWith(prefix) && line.contains(labelFilter))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
    }

    /** Publishes one of the style's defect reports again, with its original CloudEvents id. */
    private static void redeliverOneDefectReport(String style) throws Exception {
        ConsumerRecord<String, byte[]> original = read("aftersales.tickets.v1",
                r -> "aftersales.ticket.defect-reported.v1".equals(TopicReader.header(r, "ce_type"))
                        && new String(r.value(), StandardCharsets.UTF_8).contains(style), 1).get(0);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, system.kafkaBootstrapServers()),
                new StringSerializer(), new ByteArraySerializer())) {
            ProducerRecord<String, byte[]> again = new ProducerRecord<>(original.topic(), original.key(), original.value());
            original.headers().forEach(h -> again.headers().add(h));
            producer.send(again).get();
        }
    }

    private static List<ConsumerRecord<String, byte[]>> readQualityEvents(String product, int count) {
        return read("aftersales.quality.v1", r -> product.equals(r.key()), count);
    }

    private static List<ConsumerRecord<String, byte[]>> read(String topic,
                                                            java.util.function.Predicate<ConsumerRecord<String, byte[]>> filter,
                                                            int count) {
        try (TopicReader reader = TopicReader.fromBeginning(system.kafkaBootstrapServers(), topic)) {
            return reader.awaitRecords(filter, count, Duration.ofSeconds(30));
        }
    }

    private static String shortId() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
