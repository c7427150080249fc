package io.aftersales.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aftersales.launcher.ServiceProcess;
import io.aftersales.launcher.Supervisor;
import io.aftersales.testing.TopicReader;
import io.aftersales.testing.TopicWriter;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static io.aftersales.e2e.Api.send;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Refunds on the real processes (ticket-service, refund-service, the platform sandbox, Kafka and
 * MongoDB, the e2e tests' {@link SharedSystem}): a quality ticket worked to an agreed
 * return-and-refund is paid by the platform exactly once and resolves the ticket; and refund-service
 * stopped like {@code kill -9} at each step of the payout path (its test hook
 * {@code aftersales.refunds.fault-injection.*}, docs/testing.md) still pays each refund exactly once
 * and publishes it, also when the event that opened it is delivered again.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RefundE2EIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String STORE = "tmall-flagship";
    private static final String TICKETS_TOPIC = "aftersales.tickets.v1";
    private static final String REFUNDS_TOPIC = "aftersales.refunds.v1";
    private static final String RESOLUTION_AGREED = "aftersales.ticket.resolution-agreed.v1";
    private static final String REFUND_PAID = "aftersales.refund.paid.v1";

    private static Supervisor system;
    private static ServiceProcess tickets;
    private static ServiceProcess refunds;
    /** Open for the whole class: every read sees the refund topic from its beginning up to now. */
    private static TopicReader refundEvents;

    @BeforeAll
    static void startTheSystem() {
        system = SharedSystem.supervisor();
        List<ServiceProcess> running = SharedSystem.services("ticket-service", "refund-service");
        tickets = running.get(0);
        refunds = running.get(1);
        refundEvents = TopicReader.fromBeginning(system.kafkaBootstrapServers(), REFUNDS_TOPIC);
    }

    @AfterAll
    static void closeTheReader() {
        if (refundEvents != null) {
            refundEvents.close();
        }
    }

    @Test
    @Order(1)
    void a_quality_ticket_agreed_as_return_and_refund_is_returned_checked_paid_once_by_the_platform_and_resolved()
            throws Exception {
        String agent = system.token("agent-e2e", List.of("AGENT"), List.of(STORE));
        String supervisor = system.token("sup-e2e", List.of("SUPERVISOR"), List.of(STORE));
        String warehouse = system.token("wh-e2e", List.of("WAREHOUSE"), List.of(STORE));
        String orderId = "O-" + UUID.randomUUID();
        String opened = JSON.writeValueAsString(Map.ofEntries(
                Map.entry("storeId", STORE), Map.entry("platform", "TMALL"), Map.entry("orderId", orderId),
                Map.entry("externalId", "AS-" + UUID.randomUUID()), Map.entry("buyerId", "buyer-" + UUID.randomUUID()),
                Map.entry("sku", "JK2611-RED-M"), Map.entry("styleCode", "JK2611"), Map.entry("batch", "B-E2E"),
                Map.entry("quantity", 1), Map.entry("paidAmount", money("259.00")),
                Map.entry("category", "QUALITY"), Map.entry("defectType", "COLOUR_FADING")));
        JsonNode ticket = send(tickets, "POST", "/api/v1/tickets", agent, opened, null, 201);
        String ticketId = ticket.get("id").asText();
        ticket = ticketAction(ticket, "claim", agent, "{}");
        // worn: negotiation, no photos to wait for
        ticket = ticketAction(ticket, "quality-assessment", agent, "{\"worn\":true}");
        ticket = ticketAction(ticket, "proposals", agent, JSON.writeValueAsString(Map.of("kind", "RETURN_AND_REFUND",
                "lines", List.of(Map.of("type", "GOODS", "amount", money("259.00"))))));
        if ("WAITING_APPROVAL".equals(ticket.path("status").asText())) {
            ticket = ticketAction(ticket, "proposals/1/approval", supervisor, "{\"note\":\"fair\"}");
        }
        ticket = ticketAction(ticket, "agreement", agent, "{\"source\":\"AGENT\"}");
        assertThat(ticket.path("status").asText()).isEqualTo("RESOLUTION_AGREED");

        String refundId = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> refundOfTicket(agent, ticketId), id -> id != null);
        JsonNode refund = send(refunds, "GET", "/api/v1/refunds/" + refundId, agent, null, null, 200);
        assertThat(refund.at("/refund/status").asText()).isEqualTo("REQUESTED");
        assertThat(refund.at("/refund/kind").asText()).isEqualTo("RETURN_AND_REFUND");
        refund = refundAction(refund, "agree", agent, null);
        assertThat(refund.at("/refund/status").asText()).isEqualTo("WAITING_RETURN");
        refund = refundAction(refund, "return-shipped", agent, "{\"courier\":\"SF\",\"trackingNumber\":\"SF1402938475612\"}");
        refund = refundAction(refund, "receive", warehouse, "{\"warehouseId\":\"HZ-3\"}");
        refund = refundAction(refund, "qc", warehouse, "{\"passed\":true,\"disposition\":\"RESTOCK\"}");

        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() ->
                status(agent, refundId), "PAID"::equals);
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() ->
                send(tickets, "GET", "/api/v1/tickets/" + ticketId, agent, null, null, 200).path("status").asText(),
                "RESOLVED"::equals);
        List<JsonNode> ledger = payouts("refundId", refundId);
        assertThat(ledger).hasSize(1);
        assertThat(ledger.get(0).path("status").asText()).isEqualTo("PAID");
        assertThat(ledger.get(0).at("/amount/amount").asText()).isEqualTo("259.00");
        assertThat(ledger.get(0).path("requests").asInt()).isEqualTo(1);
        assertThat(await().atMost(Duration.ofSeconds(10)).until(() -> paidEventIds(refundId), ids -> !ids.isEmpty()))
                .hasSize(1);
    }

    /**
     * One restart per step: refund-service is started with the hook set for the next step's store,
     * which also is the normal restart of the step before (its store no longer matches).
     */
    @Test
    @Order(2)
    void killed_before_asking_after_asking_and_after_recording_each_refund_is_still_paid_once_and_published_once()
            throws Exception {
        List<String> steps = List.of("BEFORE_ASKING", "AFTER_ASKING_BEFORE_RECORDING", "AFTER_RECORDING_BEFORE_PUBLISHING");
        refunds.killHard();
        CrashCase previous = null;
        for (String step : steps) {
            String store = "crash-" + step.toLowerCase().replace('_', '-') + "-" + UUID.randomUUID().toString().substring(0, 8);
            Instant restarted = Instant.now();
            refunds = system.start("refund-service", step.toLowerCase(), Map.of(
                    "AFTERSALES_REFUNDS_FAULTINJECTION_HALTAT", step,
                    "AFTERSALES_REFUNDS_FAULTINJECTION_STORE", store)).awaitReady(Duration.ofMinutes(2));
            SharedSystem.replace("refund-service", refunds);
            System.out.printf("refund-service restarted (hook %s) in %d ms%n", step,
                    Duration.between(restarted, Instant.now()).toMillis());
            if (previous != null) {
                assertPaidExactlyOnceAfterRedelivery(previous);
            }
            previous = haltAt(step, store);
        }
        refunds = system.start("refund-service", "after-the-crashes").awaitReady(Duration.ofMinutes(2));
        SharedSystem.replace("refund-service", refunds);
        assertPaidExactlyOnceAfterRedelivery(previous);
    }

    private record CrashCase(String step, String store, String ticketId, String refundId, String orderId,
                             String agent) {
    }

    /** Opens a refund only of 100.00 from a ticket's agreed resolution, agrees it and waits for the halt. */
    private static CrashCase haltAt(String step, String store) throws Exception {
        String agent = system.token("agent-crash", List.of("AGENT"), List.of(store));
        String ticketId = UUID.randomUUID().toString();
        String orderId = "O-" + UUID.randomUUID();
        ObjectNode agreed = TopicWriter.sample(RESOLUTION_AGREED);
        agreed.put("ticketId", ticketId).put("storeId", store).put("orderId", orderId).put("kind", "REFUND_ONLY")
                .put("goodsComeBack", false).put("batchDefectFastTrack", false);
        agreed.putArray("lines").addObject().put("type", "GOODS").putNull("note")
                .putObject("amount").put("amount", "100.00").put("currency", "CNY");
        agreed.putObject("refundAmount").put("amount", "100.00").put("currency", "CNY");
        publish(new ProducerRecord<>(TICKETS_TOPIC, ticketId, JSON.writeValueAsBytes(agreed)), UUID.randomUUID().toString());

        // up to a session timeout (10 s) after the previous halt, until the group hands this instance the partitions
        String refundId = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> refundOfTicket(agent, ticketId), id -> id != null);
        JsonNode refund = send(refunds, "GET", "/api/v1/refunds/" + refundId, agent, null, null, 200);
        try {
            refund = refundAction(refund, "agree", agent, null);
            assertThat(refund.at("/refund/status").asText()).isIn("APPROVED", "PAYOUT_REQUESTED", "PAID");
        } catch (IOException haltedBeforeAnswering) {
            // the payout processor may halt the process before the agreement's answer is written: it was recorded
        }
        Process process = refunds.process();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("refund-service halted at %s", step).isTrue();
        assertThat(process.exitValue()).isEqualTo(137);
        assertThat(refunds.log().thisRun()).contains("FAULT INJECTION: halting at " + step);
        List<JsonNode> ledger = payouts("refundId", refundId);
        if (step.equals("BEFORE_ASKING")) {
            assertThat(ledger).as("not asked before the halt").isEmpty();
        } else {
            assertThat(ledger).as("the platform paid before the halt").hasSize(1);
        }
        if (step.equals("AFTER_RECORDING_BEFORE_PUBLISHING")) {
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4)).alias("not published before the halt")
                    .until(() -> paidEventIds(refundId), List::isEmpty);
        }
        return new CrashCase(step, store, ticketId, refundId, orderId, agent);
    }

    /**
     * After the restart: the resolution is delivered again (its original ce_id, then a new one), and
     * the refund is PAID, once on the platform's ledger, once on Kafka, within what the line paid.
     */
    private static void assertPaidExactlyOnceAfterRedelivery(CrashCase crash) throws Exception {
        ConsumerRecord<String, byte[]> original;
        try (TopicReader reader = TopicReader.fromBeginning(system.kafkaBootstrapServers(), TICKETS_TOPIC)) {
            original = reader.awaitRecords(r -> crash.ticketId().equals(r.key()), 1, Duration.ofSeconds(10)).get(0);
        }
        ProducerRecord<String, byte[]> again = new ProducerRecord<>(TICKETS_TOPIC, original.key(), original.value());
        original.headers().forEach(h -> again.headers().add(h));
        publish(again, null);
        publish(new ProducerRecord<>(TICKETS_TOPIC, original.key(), original.value()), UUID.randomUUID().toString());

        await().atMost(Duration.ofSeconds(45)).pollInterval(Duration.ofMillis(250)).alias(crash.step() + ": PAID")
                .until(() -> status(crash.agent(), crash.refundId()), "PAID"::equals);
        List<String> published = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250))
                .until(() -> paidEventIds(crash.refundId()), ids -> !ids.isEmpty());

        List<JsonNode> ledger = payouts("storeId", crash.store());
        assertThat(ledger).as("%s: one payout for the store's one refund", crash.step()).hasSize(1);
        assertThat(ledger.get(0).path("refundId").asText()).isEqualTo(crash.refundId());
        assertThat(ledger.get(0).path("status").asText()).isEqualTo("PAID");
        assertThat(ledger.get(0).path("requests").asInt()).isEqualTo(crash.step().equals("AFTER_ASKING_BEFORE_RECORDING") ? 2 : 1);
        BigDecimal paidOut = ledger.stream().filter(p -> crash.orderId().equals(p.path("orderId").asText()))
                .map(p -> new BigDecimal(p.at("/amount/amount").asText())).reduce(BigDecimal.ZERO, BigDecimal::add);
        assertThat(paidOut).isEqualByComparingTo("100.00");

        JsonNode refund = send(refunds, "GET", "/api/v1/refunds/" + crash.refundId(), crash.agent(), null, null, 200);
        assertThat(new BigDecimal(refund.at("/orderLineLedger/refunded/amount").asText()))
                .as("%s: the order line's refunds within what was paid", crash.step())
                .isEqualByComparingTo("100.00")
                .isLessThanOrEqualTo(new BigDecimal(refund.at("/orderLineLedger/paid/amount").asText()));
        JsonNode list = send(refunds, "GET", "/api/v1/refunds?storeId=" + crash.store(), crash.agent(), null, null, 200);
        assertThat(list.path("items")).as("%s: one refund for the resolution delivered three times", crash.step())
                .hasSize(1);
        assertThat(new HashSet<>(paidEventIds(crash.refundId()))).as("%s: refund.paid once", crash.step())
                .hasSize(1).containsAll(published);
    }

    private static void publish(ProducerRecord<String, byte[]> record, String newEventId) throws Exception {
        if (newEventId != null) {
            Map.of("ce_specversion", "1.0", "ce_id", newEventId, "ce_source", "/aftersales/ticket-service",
                            "ce_type", RESOLUTION_AGREED, "ce_time", Instant.now().toString(),
                            "ce_subject", record.key(), "content-type", "application/json")
                    .forEach((name, value) -> record.headers().add(new RecordHeader(name,
                            value.getBytes(StandardCharsets.UTF_8))));
        }
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, system.kafkaBootstrapServers()),
                new StringSerializer(), new ByteArraySerializer())) {
            producer.send(record).get();
        }
    }

    /** The ce_ids of the refund's {@code refund.paid} events on Kafka (a re-publication keeps its ce_id). */
    private static List<String> paidEventIds(String refundId) {
        return refundEvents.readNow(r -> refundId.equals(r.key()) && REFUND_PAID.equals(TopicReader.header(r, "ce_type")))
                .stream().map(r -> TopicReader.header(r, "ce_id")).toList();
    }

    private static String refundOfTicket(String token, String ticketId) throws Exception {
        for (JsonNode item : send(refunds, "GET", "/api/v1/refunds?size=100", token, null, null, 200).path("items")) {
            if (ticketId.equals(item.path("ticketId").asText())) {
                return item.path("id").asText();
            }
        }
        return null;
    }

    private static String status(String token, String refundId) throws Exception {
        return send(refunds, "GET", "/api/v1/refunds/" + refundId, token, null, null, 200).at("/refund/status").asText();
    }

    /** The sandbox's payout ledger filtered on one field. */
    private static List<JsonNode> payouts(String field, String value) throws Exception {
        return Api.sandboxListing(system.sandboxUrl(), "/sandbox/v1/payouts", field, value);
    }

    private static JsonNode ticketAction(JsonNode ticket, String action, String token, String body) throws Exception {
        return send(tickets, "POST", "/api/v1/tickets/" + ticket.get("id").asText() + "/" + action, token, body,
                ticket.get("version").asLong(), 200);
    }

    private static JsonNode refundAction(JsonNode refund, String action, String token, String body) throws Exception {
        return send(refunds, "POST", "/api/v1/refunds/" + refund.at("/refund/id").asText() + "/" + action, token, body,
                refund.at("/refund/version").asLong(), 200);
    }

    private static Map<String, String> money(String amount) {
        return Map.of("amount", amount, "currency", "CNY");
    }
}
