package io.aftersales.refund;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import io.aftersales.contracts.Topics;
import io.aftersales.contracts.quality.v1.ProductDelisted;
import io.aftersales.contracts.refunds.v1.RefundAgreed;
import io.aftersales.contracts.refunds.v1.RefundClosed;
import io.aftersales.contracts.refunds.v1.RefundPaid;
import io.aftersales.contracts.refunds.v1.RefundRequested;
import io.aftersales.contracts.tickets.v1.ResolutionAgreed;
import io.aftersales.refund.api.RefundIds;
import io.aftersales.refund.sandbox.SandboxSignature;
import io.aftersales.testing.ContractSchemas;
import io.aftersales.testing.TopicReader;
import io.aftersales.testing.TopicWriter;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The rules that run after the request: a refused or cancelled refund gives its amount back to the
 * order line, a paid refund closes, the platform deciding by itself is recorded (and counted), the
 * platform is never made to retry a notification for a refund this service does not know, the
 * delisting fast track, the meters. Each test uses its own store or order, so they share the context.
 */
class RefundRulesIT extends RefundServiceIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String NOTIFICATIONS = "/api/v1/platform-notifications/payouts";

    @Autowired
    private SandboxSignature signature;
    @Autowired
    private MongoDatabase serviceDatabase;
    @LocalManagementPort
    private int managementPort;

    @Test
    void a_cancelled_refunds_amount_is_available_again_for_a_later_refund_on_the_same_order_line() {
        String orderId = "order-" + UUID.randomUUID();
        String first = id(open(agent(), request(STORE, orderId, "RETURN_AND_REFUND", line("GOODS", "259.00"))));
        JsonNode agreedFirst = act(agent(), first, "agree", null, find(first));
        assertThat(refunded(agreedFirst)).isEqualByComparingTo("259.00");
        act(agent(), first, "cancel", null, agreedFirst);

        JsonNode second = open(agent(), request(STORE, orderId, "RETURN_AND_REFUND", line("GOODS", "259.00")));
        await().atMost(Duration.ofSeconds(30)).until(() -> refunded(find(first)).signum() == 0);
        JsonNode agreed = act(agent(), id(second), "agree", null, find(id(second)));

        assertThat(agreed.at("/refund/status").asText()).isEqualTo("WAITING_RETURN");
        assertThat(refunded(agreed)).isEqualByComparingTo("259.00");
    }

    /** The path that stuck before: the warehouse named no waybill and the courier was asked without the store. */
    @Test
    void a_parcel_already_shipped_is_intercepted_by_its_courier_and_the_refund_is_paid() {
        String store = "tmall-preship-it";
        behave(store, "{\"cancellation\":\"ALREADY_SHIPPED\",\"intercept\":\"INTERCEPTED\"}");
        WebTestClient agent = as("agent-preship", "AGENT", store);
        String refund = id(open(agent, request(store, "order-" + UUID.randomUUID(), "BEFORE_SHIPMENT",
                line("GOODS", "189.00"))));
        act(agent, refund, "agree", null, find(agent, refund));

        await().atMost(Duration.ofSeconds(30)).until(() -> "PAID".equals(status(agent, refund))
                || "CLOSED".equals(status(agent, refund)));
        assertThat(payouts(refund)).hasSize(1);
    }

    @Test
    void a_refused_refunds_amount_is_available_again_for_a_later_refund_on_the_same_order_line() {
        String orderId = "order-" + UUID.randomUUID();
        // 259.00 + 60.00 postage is above the store's 300.00: it waits for a supervisor, counted on the line
        String first = id(open(agent(), request(STORE, orderId, "REFUND_ONLY", line("GOODS", "259.00"),
                line("RETURN_SHIPPING", "60.00"))));
        JsonNode agreedFirst = act(agent(), first, "agree", null, find(first));
        assertThat(agreedFirst.at("/refund/status").asText()).isEqualTo("WAITING_SUPERVISOR");
        assertThat(refunded(agreedFirst)).isEqualByComparingTo("259.00");
        act(supervisor(), first, "refuse", Map.of("reason", "Used, not defective"), agreedFirst);

        JsonNode second = open(agent(), request(STORE, orderId, "REFUND_ONLY", line("GOODS", "100.00")));
        await().atMost(Duration.ofSeconds(30)).until(() -> refunded(find(first)).signum() == 0);
        JsonNode agreed = act(agent(), id(second), "agree", null, find(id(second)));

        assertThat(refunded(agreed)).isEqualByComparingTo("100.00");
    }

    @Test
    void a_paid_refund_is_closed_and_published_as_closed() throws Exception {
        String store = "closing-store-" + UUID.randomUUID();
        WebTestClient agent = as("agent-7", "AGENT", store);
        JsonNode view = open(agent, request(store, "order-" + UUID.randomUUID(), "REFUND_ONLY", line("GOODS", "59.00")));
        String id = id(view);
        try (TopicReader refunds = TopicReader.fromBeginning(Topics.REFUNDS)) {
            act(agent, id, "agree", null, view);

            await().atMost(Duration.ofSeconds(30)).until(() -> status(agent, id), "CLOSED"::equals);
            List<ConsumerRecord<String, byte[]>> closed = refunds.awaitRecords(record -> id.equals(record.key())
                    && RefundClosed.TYPE.equals(TopicReader.header(record, "ce_type")), 1, Duration.ofSeconds(30));
            assertThat(ContractSchemas.violations(RefundClosed.TYPE, closed.get(0).value())).isEmpty();
        }
        assertThat(find(agent, id).at("/refund/history").findValuesAsText("event"))
                .containsSubsequence("APPROVED", "PAYOUT_REQUESTED", "PAID", "CLOSED");
    }

    @Test
    void a_refund_the_platform_paid_after_the_sellers_deadline_is_paid_by_the_platform_and_counted_on_its_order_line()
            throws Exception {
        String store = "deadline-store-" + UUID.randomUUID();
        WebTestClient agent = as("agent-7", "AGENT", store);
        String id = id(open(agent, request(store, "order-" + UUID.randomUUID(), "REFUND_ONLY", line("GOODS", "120.00"))));
        byte[] body = JSON.writeValueAsBytes(Map.of("requestNo", id, "payoutId", "PO-" + UUID.randomUUID(),
                "status", "PAID", "decidedBy", "PLATFORM", "platformStatus", "SUCCESS after RefundTimeoutRemind",
                "paidAt", "2026-11-30T08:00:00Z"));

        try (TopicReader refunds = TopicReader.fromBeginning(Topics.REFUNDS)) {
            notify(body).expectStatus().is2xxSuccessful();
            notify(body).expectStatus().is2xxSuccessful(); // the platform's repeat changes nothing

            JsonNode view = find(agent, id);
            assertThat(view.at("/refund/payout/decidedBy").asText()).isEqualTo("PLATFORM");
            assertThat(view.at("/refund/status").asText()).isIn("PAID", "CLOSED");
            assertThat(refunded(view)).isEqualByComparingTo("120.00");
            await().atMost(Duration.ofSeconds(30)).until(() -> status(agent, id), "CLOSED"::equals);
            List<ConsumerRecord<String, byte[]>> paid = refunds.awaitRecords(record -> id.equals(record.key())
                    && RefundPaid.TYPE.equals(TopicReader.header(record, "ce_type")), 1, Duration.ofSeconds(30));
            assertThat(JSON.readTree(paid.get(0).value()).path("paidByPlatform").asBoolean()).isTrue();
        }
        assertThat(find(agent, id).at("/refund/history").findValuesAsText("event").stream()
                .filter("PAID"::equals)).hasSize(1);
    }

    @Test
    void a_signed_payout_notification_for_a_refund_this_service_does_not_know_is_accepted_so_the_platform_stops_asking()
            throws Exception {
        byte[] body = JSON.writeValueAsBytes(Map.of("requestNo", "unknown-" + UUID.randomUUID(), "payoutId", "PO-1",
                "status", "PAID", "paidAt", "2026-11-30T08:00:00Z"));

        notify(body).expectStatus().isAccepted();
    }

    @Test
    void a_waiting_refund_on_a_delisted_product_batch_is_approved_when_its_return_is_shipped_without_qc() {
        String product = "P-" + UUID.randomUUID();
        String batch = "B-" + UUID.randomUUID();
        Map<String, Object> body = request(STORE, "order-" + UUID.randomUUID(), "RETURN_AND_REFUND",
                line("GOODS", "99.00"));
        body.put("product", product);
        body.put("batch", batch);
        JsonNode view = open(agent(), body);
        String id = id(view);
        act(agent(), id, "agree", null, view);
        // the delisting finds the refunds still waiting in the list (its own processor)
        await().atMost(Duration.ofSeconds(30)).until(() -> agent().get()
                .uri("/api/v1/refunds?storeId={store}&status=WAITING_RETURN&size=200", STORE).exchange()
                .expectBody(JsonNode.class).returnResult().getResponseBody().at("/items").findValuesAsText("id")
                .contains(id));

        ObjectNode delisted = TopicWriter.sample(ProductDelisted.TYPE);
        delisted.put("incidentId", UUID.randomUUID().toString()).put("product", product).put("batch", batch);
        TopicWriter.publish(Topics.QUALITY, product, ProductDelisted.TYPE, "/aftersales/feedback-service", delisted);
        await().atMost(Duration.ofSeconds(30)).until(() -> find(agent(), id).at("/refund/fastTrack").asBoolean());

        JsonNode shipped = act(agent(), id, "return-shipped", Map.of("courier", "SF", "trackingNumber", "SF77"),
                find(agent(), id));

        List<String> events = shipped.at("/refund/history").findValuesAsText("event");
        assertThat(events).containsSubsequence("RETURN_SHIPPED", "APPROVED");
        assertThat(events).doesNotContain("GOODS_RECEIVED", "QC_PASSED", "QC_FAILED");
    }

    @Test
    void a_second_resolution_agreed_with_another_event_id_opens_no_second_refund() throws Exception {
        String ticketId = "ticket-" + UUID.randomUUID();
        String orderId = "order-" + UUID.randomUUID();
        ObjectNode agreed = TopicWriter.sample(ResolutionAgreed.TYPE);
        agreed.put("ticketId", ticketId).put("storeId", STORE).put("batchDefectFastTrack", false)
                .put("orderId", orderId);
        ((ArrayNode) agreed.get("lines")).remove(2); // the goodwill line would take the order line over what was paid
        agreed.putObject("refundAmount").put("amount", "271.00").put("currency", "CNY");
        try (TopicReader refunds = TopicReader.fromBeginning(Topics.REFUNDS)) {
            String firstId = TopicWriter.publish(Topics.TICKETS, ticketId, ResolutionAgreed.TYPE,
                    "/aftersales/ticket-service", agreed);
            String secondId = TopicWriter.publish(Topics.TICKETS, ticketId, ResolutionAgreed.TYPE,
                    "/aftersales/ticket-service", agreed);
            // both handled (the inbox records an event once its handler returned)
            await().atMost(Duration.ofSeconds(30)).until(() -> serviceDatabase.getCollection("inbox").countDocuments(
                    Filters.in("_id", List.of("refund-service.resolutions/" + firstId,
                            "refund-service.resolutions/" + secondId))) == 2);
            // found by its order, not by the id the business key gives: the check holds whatever id a change picks
            String refundId = refunds.awaitRecords(record -> isRequestedFor(record, orderId), 1,
                    Duration.ofSeconds(30)).get(0).key();
            // an event stored after both: once it is published, every refund.requested before it is too
            act(agent(), refundId, "agree", null, find(refundId));
            refunds.awaitRecords(record -> refundId.equals(record.key())
                    && RefundAgreed.TYPE.equals(TopicReader.header(record, "ce_type")), 1, Duration.ofSeconds(30));

            assertThat(refunds.readNow(record -> isRequestedFor(record, orderId))).hasSize(1);
            assertThat(refundId).isEqualTo(RefundIds.forResolution(ticketId, 1));
        }
    }

    private static boolean isRequestedFor(ConsumerRecord<String, byte[]> record, String orderId) {
        if (!RefundRequested.TYPE.equals(TopicReader.header(record, "ce_type"))) {
            return false;
        }
        try {
            return orderId.equals(JSON.readTree(record.value()).path("orderId").asText(null));
        } catch (IOException e) {
            return false;
        }
    }

    @Test
    void a_paid_refund_shows_on_the_management_port_by_store_platform_sku_and_currency() {
        String store = "metrics-store-" + UUID.randomUUID();
        WebTestClient agent = as("agent-7", "AGENT", store);
        Map<String, Object> body = request(store, "order-" + UUID.randomUUID(), "REFUND_ONLY", line("GOODS", "42.50"));
        body.put("sku", "SKU-METRICS-1");
        JsonNode view = open(agent, body);
        act(agent, id(view), "agree", null, view);
        await().atMost(Duration.ofSeconds(30)).until(() -> find(agent, id(view)).at("/refund/payout/paidAt").isTextual());

        String metrics = await().atMost(Duration.ofSeconds(10)).until(this::prometheus,
                text -> !lines(text, "aftersales_refunds_paid_amount", "store=\"" + store + "\"").isEmpty());
        String storeTag = "store=\"" + store + "\"";
        assertThat(lines(metrics, "aftersales_refunds_requested_total{", storeTag))
                .anyMatch(line -> line.contains("sku=\"SKU-METRICS-1\"") && line.contains("kind=\"REFUND_ONLY\"")
                        && line.endsWith(" 1.0"));
        assertThat(lines(metrics, "aftersales_refund_time_to_paid_seconds_bucket{", storeTag))
                .anyMatch(line -> line.contains("platform=\"TMALL\"") && line.contains("le=\"+Inf\"")
                        && line.endsWith(" 1"));
        assertThat(lines(metrics, "aftersales_refunds_paid_amount", storeTag).stream()
                .filter(line -> line.contains("_sum{")).map(line -> line.substring(line.lastIndexOf(' ') + 1)).map(BigDecimal::new))
                .anySatisfy(sum -> assertThat(sum).isEqualByComparingTo("42.50"));
        assertThat(lines(metrics, "aftersales_refunds_paid_amount", storeTag))
                .anyMatch(line -> line.contains("_count{") && line.contains("currency=\"CNY\"") && line.endsWith(" 1"));
        assertThat(metrics).containsPattern("(?m)^aftersales_refund_payouts_pending\\{[^}]*} [0-9.E]+$");
        assertThat(metrics).containsPattern("(?m)^aftersales_refund_payout_oldest_pending_seconds\\{[^}]*} [0-9.E]+$");
    }

    private String prometheus() {
        return anonymous.mutate().baseUrl("http://localhost:" + managementPort).build().get()
                .uri("/actuator/prometheus").exchange().expectStatus().isOk().expectBody(String.class)
                .returnResult().getResponseBody();
    }

    private static List<String> lines(String metrics, String prefix, String containing) {
        return metrics.lines().filter(line -> line.startsWith(prefix) && line.contains(containing)).toList();
    }

    private WebTestClient.ResponseSpec notify(byte[] body) {
        return anonymous.post().uri(NOTIFICATIONS).contentType(MediaType.APPLICATION_JSON)
                .header("X-Sandbox-Signature", signature.sign(body)).bodyValue(body).exchange();
    }

    static Map<String, Object> line(String type, String amount) {
        return Map.of("type", type, "amount", Map.of("amount", amount, "currency", "CNY"));
    }

    @SafeVarargs
    static Map<String, Object> request(String store, String orderId, String kind, Map<String, Object>... lines) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("platform", "TMALL");
        body.put("externalRefundId", "TM-RF-" + UUID.randomUUID());
        body.put("storeId", store);
        body.put("orderId", orderId);
        body.put("buyerId", "tb_buyer_7741");
        body.put("sku", "JK2611-RED-M");
        body.put("product", "JK2611");
        body.put("batch", "B2026-11-A");
        body.put("kind", kind);
        body.put("paidForLine", Map.of("amount", "259.00", "currency", "CNY"));
        body.put("lines", List.of(lines));
        return body;
    }

    private static JsonNode open(WebTestClient client, Map<String, Object> body) {
        return client.post().uri("/api/v1/refunds").contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange()
                .expectStatus().isCreated().expectBody(JsonNode.class).returnResult().getResponseBody();
    }

    private static String id(JsonNode view) {
        return view.at("/refund/id").asText();
    }

    private static BigDecimal refunded(JsonNode view) {
        JsonNode amount = view.at("/orderLineLedger/refunded/amount");
        return amount.isMissingNode() || amount.isNull() ? BigDecimal.ZERO : new BigDecimal(amount.asText());
    }

    private JsonNode find(String refundId) {
        return find(agent(), refundId);
    }

    private static JsonNode find(WebTestClient client, String refundId) {
        return client.get().uri("/api/v1/refunds/{id}", refundId).exchange().expectStatus().isOk()
                .expectBody(JsonNode.class).returnResult().getResponseBody();
    }

    private static String status(WebTestClient client, String refundId) {
        return find(client, refundId).at("/refund/status").asText();
    }

    private static JsonNode act(WebTestClient client, String refundId, String action, Object body, JsonNode current) {
        WebTestClient.RequestBodySpec request = client.post().uri("/api/v1/refunds/{id}/" + action, refundId)
                .header("If-Match", "\"" + current.at("/refund/version").asLong() + "\"");
        WebTestClient.RequestHeadersSpec<?> spec = body == null ? request
                : request.contentType(MediaType.APPLICATION_JSON).bodyValue(body);
        return spec.exchange().expectStatus().isEqualTo(HttpStatus.OK).expectBody(JsonNode.class).returnResult()
                .getResponseBody();
    }
}
