package io.aftersales.refund.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aftersales.refund.RefundServiceIT;
import io.aftersales.refund.api.Platform;
import io.aftersales.refund.api.RefundIds;
import io.aftersales.refund.sandbox.SandboxSignature;
import io.aftersales.testing.TestInfrastructure;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The refund API: platform requests idempotent on platform + externalRefundId, store scope (another
 * store's refund is 404 on every endpoint), roles (403), fuzzed bodies (never a 500, nothing
 * changed when refused), and the platform's payout notification (signed, else 401).
 */
class RefundApiIT extends RefundServiceIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Every action with a valid body, and the role that may take it. */
    private static final List<Object[]> ACTIONS = List.of(
            new Object[]{"agree", null, "AGENT"},
            new Object[]{"refuse", Map.of("reason", "Worn and washed"), "AGENT"},
            new Object[]{"cancel", null, "AGENT"},
            new Object[]{"return-shipped", Map.of("courier", "SF", "trackingNumber", "SF1"), "AGENT"},
            new Object[]{"receive", Map.of("warehouseId", "HZ-3"), "WAREHOUSE"},
            new Object[]{"qc", Map.of("passed", true, "disposition", "RESTOCK"), "WAREHOUSE"},
            new Object[]{"approve", null, "SUPERVISOR"});
    private static final List<Object> ODD_VALUES = List.of("", " ", "\u0000", "💥", "x".repeat(5000), -1, 0,
            Long.MAX_VALUE, 1.5e308, true, List.of(), Map.of(), Map.of("amount", "abc"), "TMALL", "null");

    static Map<String, Object> platformRequest(String store, String externalId, String kind, String amount) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("platform", "TMALL");
        body.put("externalRefundId", externalId);
        body.put("storeId", store);
        body.put("orderId", "order-" + UUID.randomUUID());
        body.put("buyerId", "tb_buyer_7741");
        body.put("sku", "JK2611-RED-M");
        body.put("product", "JK2611");
        body.put("batch", "B2026-11-A");
        body.put("kind", kind);
        body.put("paidForLine", Map.of("amount", "259.00", "currency", "CNY"));
        body.put("lines", List.of(Map.of("type", "GOODS", "amount", Map.of("amount", amount, "currency", "CNY"))));
        return body;
    }

    private JsonNode open(WebTestClient client, Map<String, Object> body, HttpStatus expected) {
        return client.post().uri("/api/v1/refunds").contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange()
                .expectStatus().isEqualTo(expected).expectBody(JsonNode.class).returnResult().getResponseBody();
    }

    @Test
    void the_same_platform_request_twice_answers_the_refund_opened_the_first_time() {
        Map<String, Object> body = platformRequest(STORE, "TM-RF-" + UUID.randomUUID(), "REFUND_ONLY", "100.00");

        JsonNode first = open(agent(), body, HttpStatus.CREATED);
        JsonNode second = open(agent(), body, HttpStatus.OK);

        assertThat(second.at("/refund/id")).isEqualTo(first.at("/refund/id"));
        assertThat(second.at("/refund/version").asLong()).isZero();
    }

    @Test
    void another_stores_refund_is_404_on_every_endpoint_and_a_wrong_role_is_403() {
        String id = open(agent(), platformRequest(STORE, "TM-RF-" + UUID.randomUUID(), "RETURN_AND_REFUND", "100.00"),
                HttpStatus.CREATED).at("/refund/id").asText();
        WebTestClient stranger = as("agent-9", "AGENT", "jd-other-store");
        stranger.get().uri("/api/v1/refunds/{id}", id).exchange().expectStatus().isNotFound();
        assertThat(stranger.get().uri("/api/v1/refunds?size=200").exchange().expectStatus().isOk()
                .expectBody(JsonNode.class).returnResult().getResponseBody().at("/items").findValuesAsText("id"))
                .doesNotContain(id);
        open(stranger, platformRequest(STORE, "TM-RF-" + UUID.randomUUID(), "REFUND_ONLY", "1.00"),
                HttpStatus.FORBIDDEN);
        for (Object[] action : ACTIONS) {
            WebTestClient otherStore = as("x-1", (String) action[2], "jd-other-store");
            post(otherStore, id, (String) action[0], action[1]).expectStatus().isNotFound();
        }
        WebTestClient warehouse = warehouse();
        post(warehouse, id, "agree", null).expectStatus().isForbidden();
        post(agent(), id, "receive", Map.of()).expectStatus().isForbidden();
        post(agent(), id, "qc", Map.of("passed", true, "disposition", "RESTOCK")).expectStatus().isForbidden();
        post(agent(), id, "approve", null).expectStatus().isForbidden();
        open(warehouse, platformRequest(STORE, "TM-RF-" + UUID.randomUUID(), "REFUND_ONLY", "1.00"),
                HttpStatus.FORBIDDEN);
        anonymous.get().uri("/api/v1/refunds/{id}", id).exchange().expectStatus().isUnauthorized();
    }

    @Test
    void a_refund_above_the_stores_threshold_waits_for_a_supervisor_and_is_paid_on_the_platforms_late_notification() {
        String store = "late-store-" + UUID.randomUUID();
        behave(store, "{\"payouts\":\"LATE\",\"delay\":\"PT1S\"}");
        WebTestClient agent = as("agent-7", "AGENT", store);
        JsonNode view = open(agent, platformRequest(store, "TM-RF-" + UUID.randomUUID(), "REFUND_ONLY", "259.00"),
                HttpStatus.CREATED);
        String id = view.at("/refund/id").asText();
        view = act(agent, id, "agree", null, view);
        assertThat(view.at("/refund/status").asText()).isEqualTo("APPROVED"); // 259.00 is under the default 500.00

        await().atMost(Duration.ofSeconds(30)).until(() -> agent.get().uri("/api/v1/refunds/{id}", id).exchange()
                .expectBody(JsonNode.class).returnResult().getResponseBody().at("/refund/status").asText(), "PAID"::equals);
        JsonNode ledger = payouts(id);
        assertThat(ledger).hasSize(1);
        assertThat(ledger.get(0).path("requests").asInt()).isEqualTo(1);
        assertThat(ledger.get(0).path("status").asText()).isEqualTo("PAID");
    }

    @Test
    void a_payout_the_platform_refuses_is_retried_until_it_is_paid() {
        String store = "failing-store-" + UUID.randomUUID();
        behave(store, "{\"payouts\":\"FAIL\"}");
        WebTestClient agent = as("agent-7", "AGENT", store);
        JsonNode view = open(agent, platformRequest(store, "TM-RF-" + UUID.randomUUID(), "REFUND_ONLY", "59.00"),
                HttpStatus.CREATED);
        String id = view.at("/refund/id").asText();
        act(agent, id, "agree", null, view);
        // the platform answers 503 and records nothing (the first attempt and the retries 1 s and 2 s later)
        await().during(Duration.ofSeconds(4)).atMost(Duration.ofSeconds(10)).until(() -> agent.get()
                .uri("/api/v1/refunds/{id}", id).exchange().expectBody(JsonNode.class).returnResult()
                .getResponseBody().at("/refund/status").asText(), "APPROVED"::equals);
        assertThat(payouts(id)).isEmpty();

        behave(store, "{\"payouts\":\"OK\"}");

        await().atMost(Duration.ofSeconds(90)).until(() -> agent.get().uri("/api/v1/refunds/{id}", id).exchange()
                .expectBody(JsonNode.class).returnResult().getResponseBody().at("/refund/status").asText(), "PAID"::equals);
        assertThat(payouts(id)).singleElement().satisfies(payout -> {
            assertThat(payout.path("status").asText()).isEqualTo("PAID");
            assertThat(payout.path("requests").asInt()).isEqualTo(1);
        });
    }

    @Test
    void a_payout_notification_without_the_right_signature_is_401_and_a_repeated_one_changes_nothing() {
        byte[] body = ("{\"requestNo\":\"" + UUID.randomUUID() + "\",\"payoutId\":\"PO-1\",\"status\":\"PAID\"}")
                .getBytes(StandardCharsets.UTF_8);
        anonymous.post().uri("/api/v1/platform-notifications/payouts").contentType(MediaType.APPLICATION_JSON)
                .header("X-Sandbox-Signature", "sha256=00").bodyValue(body).exchange().expectStatus().isUnauthorized();
        anonymous.post().uri("/api/v1/platform-notifications/payouts").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body).exchange().expectStatus().isUnauthorized();
        // rightly signed, for a refund that does not exist: accepted and logged, so the platform stops asking
        anonymous.post().uri("/api/v1/platform-notifications/payouts").contentType(MediaType.APPLICATION_JSON)
                .header("X-Sandbox-Signature", new SandboxSignature(TestInfrastructure.sandboxSecret()).sign(body)).bodyValue(body)
                .exchange().expectStatus().isAccepted();
    }

    @Test
    void fuzzed_bodies_on_every_write_endpoint_never_cause_a_500_or_change_a_refused_refund() throws Exception {
        Random random = new Random(20261130);
        WebTestClient all = as("sup-fuzz", "SUPERVISOR", STORE);
        WebTestClient everyRole = anonymous.mutate().defaultHeader("Authorization", "Bearer "
                + io.aftersales.testing.TestTokens.token("fuzz", List.of("AGENT", "SUPERVISOR", "WAREHOUSE"),
                List.of(STORE))).build();
        for (int i = 0; i < 60; i++) {
            String externalRefundId = "TM-RF-" + UUID.randomUUID();
            Map<String, Object> body = platformRequest(STORE, externalRefundId, "RETURN_AND_REFUND", "100.00");
            List<String> fields = new ArrayList<>(body.keySet());
            String field = fields.get(random.nextInt(fields.size()));
            switch (random.nextInt(3)) {
                case 0 -> body.remove(field);
                case 1 -> body.put(field, null);
                default -> body.put(field, ODD_VALUES.get(random.nextInt(ODD_VALUES.size())));
            }
            String text = i % 4 == 0 ? "{\"" + "x".repeat(random.nextInt(5)) : JSON.writeValueAsString(body);
            int status = all.post().uri("/api/v1/refunds").contentType(MediaType.APPLICATION_JSON).bodyValue(text)
                    .exchange().returnResult(String.class).getStatus().value();
            assertThat(status).as("open %d: %s", i, text).isLessThan(500);
            if (status >= 400 && !"externalRefundId".equals(field) && !"platform".equals(field)) {
                // nothing half-written: the refund this request would have opened does not exist
                all.get().uri("/api/v1/refunds/{id}", RefundIds.forPlatformRequest(Platform.TMALL, externalRefundId))
                        .exchange().expectStatus().isNotFound();
            }
        }
        for (Object[] action : ACTIONS) {
            JsonNode view = open(all, platformRequest(STORE, "TM-RF-" + UUID.randomUUID(), "RETURN_AND_REFUND",
                    "100.00"), HttpStatus.CREATED);
            String id = view.at("/refund/id").asText();
            long before = view.at("/refund/version").asLong();
            for (int i = 0; i < 12; i++) {
                @SuppressWarnings("unchecked")
                Map<String, Object> mutated = action[1] == null ? new LinkedHashMap<>()
                        : new LinkedHashMap<>((Map<String, Object>) action[1]);
                List<String> fields = new ArrayList<>(mutated.keySet());
                fields.add("unknown");
                String field = fields.get(random.nextInt(fields.size()));
                switch (random.nextInt(3)) {
                    case 0 -> mutated.remove(field);
                    case 1 -> mutated.put(field, null);
                    default -> mutated.put(field, ODD_VALUES.get(random.nextInt(ODD_VALUES.size())));
                }
                String text = i % 4 == 0 ? "[" + random.nextInt() : JSON.writeValueAsString(mutated);
                EntityExchangeResult<String> result = everyRole.post().uri("/api/v1/refunds/{id}/" + action[0], id)
                        .contentType(MediaType.APPLICATION_JSON)
                        .header("If-Match", i % 5 == 0 ? "\"" + random.nextInt(5) + "\"" : "")
                        .bodyValue(text).exchange().expectBody(String.class).returnResult();
                int status = result.getStatus().value();
                assertThat(status).as("%s %d: %s -> %s", action[0], i, text, result.getResponseBody()).isLessThan(500);
                long now = all.get().uri("/api/v1/refunds/{id}", id).exchange().expectBody(JsonNode.class)
                        .returnResult().getResponseBody().at("/refund/version").asLong();
                if (status == 200) {
                    before = now;
                } else {
                    assertThat(now).as("%s %d refused with %d changed nothing", action[0], i, status).isEqualTo(before);
                }
            }
        }
    }

    private WebTestClient.ResponseSpec post(WebTestClient client, String id, String action, Object body) {
        WebTestClient.RequestBodySpec request = client.post().uri("/api/v1/refunds/{id}/" + action, id);
        return (body == null ? request : request.contentType(MediaType.APPLICATION_JSON).bodyValue(body)).exchange();
    }

    private static JsonNode act(WebTestClient client, String id, String action, Object body, JsonNode current) {
        WebTestClient.RequestBodySpec request = client.post().uri("/api/v1/refunds/{id}/" + action, id)
                .header("If-Match", "\"" + current.at("/refund/version").asLong() + "\"");
        return (body == null ? request : request.contentType(MediaType.APPLICATION_JSON).bodyValue(body)).exchange()
                .expectStatus().isOk().expectBody(JsonNode.class).returnResult().getResponseBody();
    }
}
