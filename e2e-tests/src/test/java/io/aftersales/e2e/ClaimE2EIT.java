package io.aftersales.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.model.Filters;
import io.aftersales.launcher.ServiceProcess;
import io.aftersales.launcher.Supervisor;
import io.aftersales.testing.TopicReader;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bson.Document;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.aftersales.e2e.Api.send;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Courier claims on the real processes (ticket-service, logistics-service, feedback-service, the platform sandbox,
 * Kafka and MongoDB, the e2e tests' {@link SharedSystem}): a lost parcel's ticket opens a claim whose replacement is
 * held at the sandbox's warehouse at once, the agreed RESHIP takes it over, shipping it resolves the ticket, and the
 * claim is filed, accepted and paid into the courier's month reconciliation; a short delivery whose weight matches is
 * a warehouse error: registered as a wrong shipment, and feedback-service takes the SKU sent off sale.
 */
class ClaimE2EIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CLAIMS_TOPIC = "aftersales.claims.v1";
    private static final String WRONG_SHIPMENT_REGISTERED = "aftersales.claim.wrong-shipment-registered.v1";

    private static Supervisor system;
    private static ServiceProcess tickets;
    private static ServiceProcess logistics;

    @BeforeAll
    static void startTheSystem() {
        system = SharedSystem.supervisor();
        List<ServiceProcess> running = SharedSystem.services("ticket-service", "logistics-service", "feedback-service");
        tickets = running.get(0);
        logistics = running.get(1);
    }

    @Test
    void a_lost_parcel_is_reshipped_at_once_resolves_its_ticket_and_is_claimed_accepted_and_paid_into_the_month_reconciliation()
            throws Exception {
        String store = "claims-" + UUID.randomUUID().toString().substring(0, 8);
        String courier = "YTO"; // no other e2e test files a claim with YTO on the shared system
        String agent = system.token("agent-claims", List.of("AGENT"), List.of(store));
        String clerk = system.token("logistics-claims", List.of("LOGISTICS"), List.of(store));
        String warehouse = system.token("wh-claims", List.of("WAREHOUSE"), List.of(store));

        JsonNode ticket = send(tickets, "POST", "/api/v1/tickets", agent, JSON.writeValueAsString(
                ticketBody(store, "LOGISTICS", "JK2611-RED-M")), null, 201);
        String ticketId = ticket.get("id").asText();

        JsonNode claim = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> claimOfTicket(clerk, ticketId), c -> c != null && !c.path("reshipments").isEmpty());
        String claimId = claim.get("id").asText();
        assertThat(claimId).isEqualTo("claim-" + ticketId);
        assertThat(claim.path("kind").asText()).isEqualTo("LOST");
        assertThat(claim.path("status").asText()).isEqualTo("RESHIPMENT_ORDERED");
        assertThat(claim.at("/reshipments/0/stock").asText()).isEqualTo("HELD");
        List<JsonNode> holds = sandboxListing("/sandbox/v1/warehouse/stock-holds", "storeId", store);
        assertThat(holds).extracting(h -> h.path("requestNo").asText() + " " + h.path("result").asText() + " "
                + h.path("sku").asText()).containsExactly(claimId + "-reshipment-1 HELD JK2611-RED-M");

        // claim.opened reached the ticket too (its version moved): the agent works on the ticket as it is now
        ticket = send(tickets, "GET", "/api/v1/tickets/" + ticketId, agent, null, null, 200);
        ticket = ticketAction(ticket, "claim", agent, "{}");
        ticket = ticketAction(ticket, "proposals", agent, "{\"kind\":\"RESHIP\",\"lines\":[]}");
        if ("WAITING_APPROVAL".equals(ticket.path("status").asText())) {
            String supervisor = system.token("sup-claims", List.of("SUPERVISOR"), List.of(store));
            ticket = ticketAction(ticket, "proposals/1/approval", supervisor, "{\"note\":\"reship\"}");
        }
        ticket = ticketAction(ticket, "agreement", agent, "{\"source\":\"AGENT\"}");
        assertThat(ticket.path("status").asText()).isEqualTo("RESOLUTION_AGREED");

        // the agreed RESHIP takes over the replacement already held: nothing held twice
        claim = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> claim(clerk, claimId), c -> c.at("/reshipments/0/resolutionNumber").asInt() == 1);
        assertThat(claim.path("reshipments")).hasSize(1);
        assertThat(sandboxListing("/sandbox/v1/warehouse/stock-holds", "storeId", store)).hasSize(1);

        claim = claimAction(claim, "reshipment/shipped", warehouse, "{\"courier\":\"SF\",\"trackingNumber\":\"SF1428375920144\"}");
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() ->
                send(tickets, "GET", "/api/v1/tickets/" + ticketId, agent, null, null, 200).path("status").asText(),
                "RESOLVED"::equals);

        claim = claimAction(claim, "filing", clerk, JSON.writeValueAsString(Map.of("courier", courier,
                "claimNumber", "YTO-CL-" + store, "amountClaimed", money("259.00"))));
        assertThat(claim.path("status").asText()).isEqualTo("FILED");
        claim = claimAction(claim, "acceptance", clerk, JSON.writeValueAsString(Map.of("amountAccepted", money("240.00"))));
        assertThat(claim.path("status").asText()).isEqualTo("ACCEPTED");
        claim = claimAction(claim, "compensation", clerk, JSON.writeValueAsString(Map.of("amountReceived", money("240.00"))));
        assertThat(claim.path("status").asText()).isEqualTo("COMPENSATED");

        String month = Instant.now().atZone(ZoneId.of("Asia/Shanghai")).toLocalDate().toString().substring(0, 7);
        JsonNode reconciliation = send(logistics, "GET", "/api/v1/registers/reconciliation?month=" + month
                + "&courier=" + URLEncoder.encode(courier, StandardCharsets.UTF_8), clerk, null, null, 200);
        assertThat(reconciliation).hasSize(1);
        JsonNode line = reconciliation.get(0);
        assertThat(line.path("courier").asText()).isEqualTo(courier);
        assertThat(line.path("claims").asInt()).isEqualTo(1);
        assertThat(new BigDecimal(line.path("claimed").asText())).as(line.toString()).isEqualByComparingTo("259.00");
        assertThat(new BigDecimal(line.path("accepted").asText())).as(line.toString()).isEqualByComparingTo("240.00");
        assertThat(new BigDecimal(line.path("received").asText())).as(line.toString()).isEqualByComparingTo("240.00");
        assertThat(new BigDecimal(line.path("outstanding").asText())).as(line.toString()).isEqualByComparingTo("0");
    }

    @Test
    void a_short_delivery_of_the_right_weight_is_a_wrong_shipment_and_feedback_takes_the_sku_sent_off_sale()
            throws Exception {
        String store = "wrong-" + UUID.randomUUID().toString().substring(0, 8);
        String warehouseId = "HZ-" + store;
        String agent = system.token("agent-claims", List.of("AGENT"), List.of(store));
        String clerk = system.token("logistics-claims", List.of("LOGISTICS"), List.of(store));
        String warehouse = system.token("wh-claims", List.of("WAREHOUSE"), List.of(store));
        Map<String, Object> body = ticketBody(store, "WRONG_ITEM", "JK2611-RED-M");
        JsonNode ticket = send(tickets, "POST", "/api/v1/tickets", agent, JSON.writeValueAsString(body), null, 201);
        String ticketId = ticket.get("id").asText();

        JsonNode claim = send(logistics, "POST", "/api/v1/claims", clerk, JSON.writeValueAsString(Map.of(
                "ticketId", ticketId, "storeId", store, "orderId", body.get("orderId"), "sku", "JK2611-RED-M",
                "quantity", 1, "kind", "SHORT_DELIVERY")), null, 201);
        claim = claimAction(claim, "weighing", warehouse, "{\"slipWeightGrams\":900,\"measuredWeightGrams\":920}");
        assertThat(claim.path("status").asText()).isEqualTo("WAREHOUSE_ERROR");
        claim = claimAction(claim, "wrong-shipment", warehouse, JSON.writeValueAsString(Map.of(
                "skuSent", "JK2611-RED-L", "quantity", 1, "warehouse", warehouseId)));
        assertThat(claim.path("status").asText()).isEqualTo("WRONG_SHIPMENT_REGISTERED");
        String claimId = claim.get("id").asText();

        JsonNode register = send(logistics, "GET", "/api/v1/registers/wrong-shipments?warehouse=" + warehouseId,
                warehouse, null, null, 200);
        assertThat(register).hasSize(1);
        assertThat(register.get(0).path("skuExpected").asText()).isEqualTo("JK2611-RED-M");
        assertThat(register.get(0).path("skuSent").asText()).isEqualTo("JK2611-RED-L");
        assertThat(register.get(0).path("claimId").asText()).isEqualTo(claimId);

        try (TopicReader reader = TopicReader.fromBeginning(system.kafkaBootstrapServers(), CLAIMS_TOPIC)) {
            List<ConsumerRecord<String, byte[]>> published = reader.awaitRecords(r -> claimId.equals(r.key())
                    && WRONG_SHIPMENT_REGISTERED.equals(TopicReader.header(r, "ce_type")), 1, Duration.ofSeconds(30));
            assertThat(JSON.readTree(published.get(0).value()).path("skuSent").asText()).isEqualTo("JK2611-RED-L");
        }
        // feedback-service has no HTTP read of its stock corrections: its read model (aftersales_feedback.stock_corrections)
        try (MongoClient mongo = MongoClients.create(system.mongoUri())) {
            List<Document> corrections = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250))
                    .until(() -> mongo.getDatabase("aftersales_feedback").getCollection("stock_corrections")
                            .find(Filters.eq("storeId", store)).into(new ArrayList<>()), list -> !list.isEmpty());
            assertThat(corrections).hasSize(1);
            assertThat(corrections.get(0).getString("sku")).isEqualTo("JK2611-RED-L");
            assertThat(corrections.get(0).getString("skuExpected")).isEqualTo("JK2611-RED-M");
            assertThat(corrections.get(0).getString("claimId")).isEqualTo(claimId);
            assertThat(corrections.get(0).getString("warehouse")).isEqualTo(warehouseId);
        }
    }

    private static Map<String, Object> ticketBody(String store, String category, String sku) {
        return Map.ofEntries(Map.entry("storeId", store), Map.entry("platform", "TMALL"),
                Map.entry("orderId", "O-" + UUID.randomUUID()), Map.entry("externalId", "AS-" + UUID.randomUUID()),
                Map.entry("buyerId", "buyer-" + UUID.randomUUID()), Map.entry("sku", sku),
                Map.entry("styleCode", "JK2611"), Map.entry("batch", "B-E2E"), Map.entry("quantity", 1),
                Map.entry("paidAmount", money("259.00")), Map.entry("category", category));
    }

    private static JsonNode claimOfTicket(String token, String ticketId) throws Exception {
        JsonNode page = send(logistics, "GET", "/api/v1/claims?ticketId=" + ticketId, token, null, null, 200);
        return page.path("items").isEmpty() ? null : claim(token, page.path("items").get(0).path("id").asText());
    }

    private static JsonNode claim(String token, String claimId) throws Exception {
        return send(logistics, "GET", "/api/v1/claims/" + claimId, token, null, null, 200);
    }

    /** A sandbox listing filtered on one field. */
    private static List<JsonNode> sandboxListing(String path, String field, String value) throws Exception {
        return Api.sandboxListing(system.sandboxUrl(), path, field, value);
    }

    private static JsonNode ticketAction(JsonNode ticket, String action, String token, String body) throws Exception {
        return send(tickets, "POST", "/api/v1/tickets/" + ticket.get("id").asText() + "/" + action, token, body,
                ticket.get("version").asLong(), 200);
    }

    private static JsonNode claimAction(JsonNode claim, String action, String token, String body) throws Exception {
        return send(logistics, "POST", "/api/v1/claims/" + claim.get("id").asText() + "/" + action, token, body,
                claim.get("version").asLong(), 200);
    }

    private static Map<String, String> money(String amount) {
        return Map.of("amount", amount, "currency", "CNY");
    }
}
