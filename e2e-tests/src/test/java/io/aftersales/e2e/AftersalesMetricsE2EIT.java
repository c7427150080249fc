package io.aftersales.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aftersales.launcher.ServiceProcess;
import io.aftersales.launcher.Supervisor;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.aftersales.e2e.Api.send;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The dashboards and the alert rules (deploy/grafana, deploy/prometheus) query only what the running
 * services expose: a short scenario on the e2e tests' {@link SharedSystem} makes every meter appear (a
 * ticket replied to, paid by refund and closed; a ticket whose platform deadline passes; a lost parcel's
 * claim filed; a wrong shipment; a malformed event dead-lettered), then each service's
 * {@code /actuator/prometheus} is scraped on its management port and every metric name of every panel
 * and rule must be among the samples, each sample of ours carrying the {@code application} tag.
 */
class AftersalesMetricsE2EIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern SAMPLE = Pattern.compile("(?m)^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{[^}]*})? ");
    private static final String RESOLUTION_AGREED = "aftersales.ticket.resolution-agreed.v1";
    /**
     * Meters no scenario of seconds can make appear, with the reason; DeployFilesTest still checks that
     * a service registers them.
     */
    private static final Map<String, String> NOT_IN_A_SHORT_SCENARIO = Map.of(
            "aftersales_ticket_handover_items_outstanding",
            "one row per store with a night-shift list, made at 23:00 store time (docs/services/ticket-service.md)");

    @Test
    void every_metric_a_dashboard_panel_or_an_alert_rule_queries_is_exposed_by_a_running_service_with_its_application_tag()
            throws Exception {
        Supervisor system = SharedSystem.supervisor();
        List<ServiceProcess> services = SharedSystem.services("ticket-service", "refund-service", "logistics-service",
                "feedback-service");
        ServiceProcess tickets = services.get(0);
        ServiceProcess refunds = services.get(1);
        ServiceProcess logistics = services.get(2);
        String store = "metrics-" + UUID.randomUUID().toString().substring(0, 8);
        String agent = system.token("agent-metrics", List.of("AGENT"), List.of(store));
        String supervisor = system.token("sup-metrics", List.of("SUPERVISOR"), List.of(store));
        String clerk = system.token("logistics-metrics", List.of("LOGISTICS"), List.of(store));
        String warehouse = system.token("wh-metrics", List.of("WAREHOUSE"), List.of(store));

        // a platform deadline a few seconds away: warned at 80% of the time given, then broken
        Map<String, Object> late = ticketBody(store, "QUALITY");
        late.put("platform", "PINDUODUO");
        late.put("platformDeadline", Instant.now().plusSeconds(6).truncatedTo(ChronoUnit.SECONDS).toString());
        send(tickets, "POST", "/api/v1/tickets", agent, JSON.writeValueAsString(late), null, 201);

        // replied to (first reply), agreed as a refund only, paid by the platform sandbox, resolved and closed
        JsonNode ticket = send(tickets, "POST", "/api/v1/tickets", agent,
                JSON.writeValueAsString(ticketBody(store, "QUALITY")), null, 201);
        String ticketId = ticket.get("id").asText();
        ticket = ticketAction(tickets, ticket, "claim", agent, "{}");
        ticket = ticketAction(tickets, ticket, "replies", agent, "{\"channel\":\"PLATFORM_CHAT\",\"text\":\"Sorry, on it.\"}");
        ticket = ticketAction(tickets, ticket, "quality-assessment", agent, "{\"worn\":true}");
        ticket = ticketAction(tickets, ticket, "proposals", agent, JSON.writeValueAsString(Map.of("kind", "REFUND_ONLY",
                "lines", List.of(Map.of("type", "GOODS", "amount", money("59.00"))))));
        if ("WAITING_APPROVAL".equals(ticket.path("status").asText())) {
            ticket = ticketAction(tickets, ticket, "proposals/1/approval", supervisor, "{\"note\":\"fair\"}");
        }
        ticketAction(tickets, ticket, "agreement", agent, "{\"source\":\"AGENT\"}");
        String refundId = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> refundOfTicket(refunds, agent, ticketId), id -> id != null);
        JsonNode refund = send(refunds, "GET", "/api/v1/refunds/" + refundId, agent, null, null, 200);
        if ("REQUESTED".equals(refund.at("/refund/status").asText())) {
            send(refunds, "POST", "/api/v1/refunds/" + refundId + "/agree", agent, null, refund.at("/refund/version").asLong(), 200);
        }
        JsonNode resolved = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> send(tickets, "GET", "/api/v1/tickets/" + ticketId, agent, null, null, 200),
                        t -> "RESOLVED".equals(t.path("status").asText()));
        ticketAction(tickets, resolved, "close", agent, null);

        // a lost parcel: its claim opens with a replacement held, and is filed with the courier
        JsonNode lost = send(tickets, "POST", "/api/v1/tickets", agent,
                JSON.writeValueAsString(ticketBody(store, "LOGISTICS")), null, 201);
        JsonNode claim = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> claimOfTicket(logistics, clerk, lost.get("id").asText()),
                        c -> c != null && !c.path("reshipments").isEmpty());
        claimAction(logistics, claim, "filing", clerk, JSON.writeValueAsString(Map.of("courier", "ZTO",
                "claimNumber", "ZTO-" + store, "amountClaimed", money("59.00"))));

        // a wrong shipment found by weighing
        Map<String, Object> shortBody = ticketBody(store, "WRONG_ITEM");
        JsonNode wrong = send(tickets, "POST", "/api/v1/tickets", agent, JSON.writeValueAsString(shortBody), null, 201);
        JsonNode shortClaim = send(logistics, "POST", "/api/v1/claims", clerk, JSON.writeValueAsString(Map.of(
                "ticketId", wrong.get("id").asText(), "storeId", store, "orderId", shortBody.get("orderId"),
                "sku", "JK2611-RED-M", "quantity", 1, "kind", "SHORT_DELIVERY")), null, 201);
        shortClaim = claimAction(logistics, shortClaim, "weighing", warehouse,
                "{\"slipWeightGrams\":900,\"measuredWeightGrams\":920}");
        claimAction(logistics, shortClaim, "wrong-shipment", warehouse, JSON.writeValueAsString(Map.of(
                "skuSent", "JK2611-RED-L", "quantity", 1, "warehouse", "HZ-" + store)));

        // an event no consumer can read: retried once, dead-lettered
        publishMalformed(system.kafkaBootstrapServers());

        Map<String, String> queried = MonitoringQueries.metricNames(MonitoringQueries.all(DeployFilesTest.root()));
        queried.keySet().removeAll(MonitoringQueries.SYNTHETIC);
        queried.keySet().removeAll(NOT_IN_A_SHORT_SCENARIO.keySet());
        // the read-model gauges are refreshed every 30 s, the clock deadlines polled every 5 s
        Set<String> missing = await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(2))
                .until(() -> {
                    Set<String> exposed = new HashSet<>();
                    for (ServiceProcess service : services) {
                        exposed.addAll(samples(service).keySet());
                    }
                    Set<String> absent = new java.util.TreeSet<>(queried.keySet());
                    absent.removeAll(exposed);
                    return absent;
                }, Set::isEmpty);
        assertThat(missing).isEmpty();

        for (ServiceProcess service : services) {
            List<String> untagged = new ArrayList<>();
            samples(service).forEach((name, labels) -> {
                if (name.startsWith("aftersales_") && labels.stream().anyMatch(l -> !l.contains("application=\"" + service.name() + "\""))) {
                    untagged.add(name);
                }
            });
            assertThat(untagged).as("%s samples without application=\"%s\"", service.name(), service.name()).isEmpty();
        }
    }

    /** Sample name to the label sets it was exposed with, from the service's management port. */
    private static Map<String, List<String>> samples(ServiceProcess service) throws IOException, InterruptedException {
        HttpResponse<String> response = ServiceProcess.HTTP.send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + service.managementPort() + "/actuator/prometheus")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        Map<String, List<String>> samples = new HashMap<>();
        Matcher matcher = SAMPLE.matcher(response.body());
        while (matcher.find()) {
            samples.computeIfAbsent(matcher.group(1), n -> new ArrayList<>())
                    .add(matcher.group(2) == null ? "" : matcher.group(2));
        }
        return samples;
    }

    private static void publishMalformed(String bootstrapServers) throws Exception {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers), new StringSerializer(), new ByteArraySerializer())) {
            String key = "metrics-" + UUID.randomUUID();
            ProducerRecord<String, byte[]> record = new ProducerRecord<>("aftersales.tickets.v1", key,
                    "{\"ticketId\":42}".getBytes(StandardCharsets.UTF_8));
            for (String[] header : new String[][]{{"ce_specversion", "1.0"}, {"ce_id", UUID.randomUUID().toString()},
                    {"ce_source", "/aftersales/e2e"}, {"ce_type", RESOLUTION_AGREED}, {"ce_time", Instant.now().toString()},
                    {"ce_subject", key}, {"content-type", "application/json"}}) {
                record.headers().add(new RecordHeader(header[0], header[1].getBytes(StandardCharsets.UTF_8)));
            }
            producer.send(record).get();
        }
    }

    private static Map<String, Object> ticketBody(String store, String category) {
        Map<String, Object> body = new HashMap<>(Map.ofEntries(Map.entry("storeId", store), Map.entry("platform", "TMALL"),
                Map.entry("orderId", "O-" + UUID.randomUUID()), Map.entry("externalId", "AS-" + UUID.randomUUID()),
                Map.entry("buyerId", "buyer-" + UUID.randomUUID()), Map.entry("sku", "JK2611-RED-M"),
                Map.entry("styleCode", "JK2611"), Map.entry("batch", "B-METRICS"), Map.entry("quantity", 1),
                Map.entry("paidAmount", money("59.00")), Map.entry("category", category)));
        if (category.equals("QUALITY")) {
            body.put("defectType", "COLOUR_FADING");
        }
        return body;
    }

    private static String refundOfTicket(ServiceProcess refunds, String token, String ticketId) throws Exception {
        for (JsonNode item : send(refunds, "GET", "/api/v1/refunds?size=100", token, null, null, 200).path("items")) {
            if (ticketId.equals(item.path("ticketId").asText())) {
                return item.path("id").asText();
            }
        }
        return null;
    }

    private static String firstId(JsonNode page) {
        return page.path("items").isEmpty() ? null : page.path("items").get(0).path("id").asText();
    }

    private static JsonNode claimOfTicket(ServiceProcess logistics, String token, String ticketId) throws Exception {
        String id = firstId(send(logistics, "GET", "/api/v1/claims?ticketId=" + ticketId, token, null, null, 200));
        return id == null ? null : send(logistics, "GET", "/api/v1/claims/" + id, token, null, null, 200);
    }

    private static JsonNode ticketAction(ServiceProcess tickets, JsonNode ticket, String action, String token, String body)
            throws Exception {
        return send(tickets, "POST", "/api/v1/tickets/" + ticket.get("id").asText() + "/" + action, token, body,
                ticket.get("version").asLong(), 200);
    }

    private static JsonNode claimAction(ServiceProcess logistics, JsonNode claim, String action, String token, String body)
            throws Exception {
        return send(logistics, "POST", "/api/v1/claims/" + claim.get("id").asText() + "/" + action, token, body,
                claim.get("version").asLong(), 200);
    }

    private static Map<String, String> money(String amount) {
        return Map.of("amount", amount, "currency", "CNY");
    }
}
