package io.aftersales.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlatformSandboxTest {

    static final String SECRET = "test-secret";
    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path dataDir;

    PlatformSandbox sandbox;
    NotificationReceiver receiver;

    @BeforeEach
    void start() {
        sandbox = PlatformSandbox.start(0, dataDir, SECRET);
    }

    @AfterEach
    void stop() {
        sandbox.close();
        if (receiver != null) {
            receiver.close();
        }
    }

    // ------------------------------------------------------------------------------------ idempotency

    @Test
    void the_same_request_no_twice_pays_once_answers_the_same_and_counts_two_requests() throws Exception {
        String body = payout("R-1", "store-a", "12.50", null);

        HttpResponse<String> first = post("/sandbox/v1/payouts", body);
        HttpResponse<String> second = post("/sandbox/v1/payouts", body);

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(second.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(second.body())).isEqualTo(JSON.readTree(first.body()));
        assertThat(JSON.readTree(first.body()).get("status").asText()).isEqualTo("PAID");
        JsonNode ledger = getJson("/sandbox/v1/payouts?refundId=refund-R-1");
        assertThat(ledger).hasSize(1);
        assertThat(ledger.get(0).get("requests").asInt()).isEqualTo(2);
        assertThat(ledger.get(0).get("payoutId").asText()).isEqualTo(JSON.readTree(first.body()).get("payoutId").asText());
        assertThat(ledger.get(0).get("amount")).isEqualTo(JSON.readTree("{\"amount\":\"12.50\",\"currency\":\"CNY\"}"));
    }

    @Test
    void the_same_request_no_with_another_amount_is_a_409_problem_and_pays_nothing_more() throws Exception {
        post("/sandbox/v1/payouts", payout("R-2", "store-a", "12.50", null));

        HttpResponse<String> other = post("/sandbox/v1/payouts", payout("R-2", "store-a", "99.00", null));

        assertThat(other.statusCode()).isEqualTo(409);
        assertThat(other.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(JSON.readTree(other.body()).get("detail").asText()).contains("R-2");
        JsonNode ledger = getJson("/sandbox/v1/payouts?refundId=refund-R-2");
        assertThat(ledger).hasSize(1);
        assertThat(ledger.get(0).get("amount").get("amount").asText()).isEqualTo("12.50");
        assertThat(ledger.get(0).get("requests").asInt()).isEqualTo(1);
    }

    @Test
    void the_same_amount_written_differently_is_the_same_request() throws Exception {
        post("/sandbox/v1/payouts", payout("R-3", "store-a", "12.5", null));

        assertThat(post("/sandbox/v1/payouts", payout("R-3", "store-a", "12.50", null)).statusCode()).isEqualTo(200);
    }

    // ------------------------------------------------------------------------------------ behaviours

    @Test
    void a_failing_platform_answers_503_and_records_nothing() throws Exception {
        put("/sandbox/v1/behaviour/store-f", "{\"payouts\":\"FAIL\"}");

        HttpResponse<String> answer = post("/sandbox/v1/payouts", payout("R-F", "store-f", "10.00", null));

        assertThat(answer.statusCode()).isEqualTo(503);
        assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(getJson("/sandbox/v1/payouts?storeId=store-f")).isEmpty();
        assertThat(Files.readString(sandbox.ledgerFile())).doesNotContain("R-F");
    }

    @Test
    void timeout_after_paying_records_the_payout_then_holds_the_answer_and_a_retry_learns_it_was_paid()
            throws Exception {
        put("/sandbox/v1/behaviour/store-t", "{\"payouts\":\"TIMEOUT_AFTER_PAYING\",\"delay\":\"PT30S\"}");
        String body = payout("R-T", "store-t", "10.00", null);

        HttpRequest impatient = HttpRequest.newBuilder(URI.create(sandbox.url() + "/sandbox/v1/payouts"))
                .timeout(Duration.ofMillis(500)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        assertThatThrownBy(() -> HTTP.send(impatient, HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(HttpTimeoutException.class);

        JsonNode ledger = getJson("/sandbox/v1/payouts?storeId=store-t");
        assertThat(ledger).hasSize(1);
        assertThat(ledger.get(0).get("status").asText()).isEqualTo("PAID");
        HttpResponse<String> retry = post("/sandbox/v1/payouts", body);
        assertThat(retry.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(retry.body()).get("status").asText()).isEqualTo("PAID");
        assertThat(JSON.readTree(retry.body()).get("payoutId").asText()).isEqualTo(ledger.get(0).get("payoutId").asText());
        assertThat(getJson("/sandbox/v1/payouts?storeId=store-t").get(0).get("requests").asInt()).isEqualTo(2);
    }

    @Test
    void a_late_payout_answers_processing_then_pays_and_notifies_with_a_valid_signature_retrying_after_a_500()
            throws Exception {
        receiver = new NotificationReceiver(500);
        put("/sandbox/v1/behaviour/store-l", "{\"payouts\":\"LATE\",\"delay\":\"PT0.2S\"}");

        HttpResponse<String> answer = post("/sandbox/v1/payouts", payout("R-L", "store-l", "30.00", receiver.url()));

        JsonNode processing = JSON.readTree(answer.body());
        assertThat(processing.get("status").asText()).isEqualTo("PROCESSING");
        assertThat(processing.get("paidAt").isNull()).isTrue();
        await().atMost(Duration.ofSeconds(10)).until(() -> receiver.received().size() >= 2);
        NotificationReceiver.Received refused = receiver.received().get(0);
        NotificationReceiver.Received accepted = receiver.received().get(1);
        assertThat(refused.status()).isEqualTo(500);
        assertThat(accepted.status()).isEqualTo(200);
        assertThat(accepted.signature()).isEqualTo(PlatformSandbox.signature(SECRET, accepted.body()));
        assertThat(accepted.signature()).isNotEqualTo(PlatformSandbox.signature("another-secret", accepted.body()));
        JsonNode notification = JSON.readTree(accepted.body());
        assertThat(notification.get("requestNo").asText()).isEqualTo("R-L");
        assertThat(notification.get("payoutId").asText()).isEqualTo(processing.get("payoutId").asText());
        assertThat(notification.get("status").asText()).isEqualTo("PAID");
        assertThat(notification.get("paidAt").asText()).isNotBlank();
        JsonNode ledger = getJson("/sandbox/v1/payouts?storeId=store-l").get(0);
        assertThat(ledger.get("status").asText()).isEqualTo("PAID");
        assertThat(ledger.get("paidAt").asText()).isEqualTo(notification.get("paidAt").asText());
        // answered 2xx: not notified again
        await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(3))
                .until(() -> receiver.received().size() == 2);
    }

    @Test
    void one_stores_behaviour_leaves_the_others_alone_and_every_store_behaviour_is_the_fallback() throws Exception {
        put("/sandbox/v1/behaviour/store-x", "{\"payouts\":\"FAIL\",\"stock\":\"OUT_OF_STOCK\"}");

        assertThat(post("/sandbox/v1/payouts", payout("R-X", "store-x", "1.00", null)).statusCode()).isEqualTo(503);
        assertThat(post("/sandbox/v1/payouts", payout("R-Y", "store-y", "1.00", null)).statusCode()).isEqualTo(200);
        assertThat(getJson("/sandbox/v1/behaviour/store-y").get("payouts").asText()).isEqualTo("OK");

        put("/sandbox/v1/behaviour", "{\"cancellation\":\"ALREADY_SHIPPED\",\"stock\":\"HELD\"}");
        JsonNode x = getJson("/sandbox/v1/behaviour/store-x");
        assertThat(x.get("payouts").asText()).isEqualTo("FAIL");
        assertThat(x.get("stock").asText()).as("the store's own setting wins").isEqualTo("OUT_OF_STOCK");
        assertThat(x.get("cancellation").asText()).as("every store's setting fills the gaps").isEqualTo("ALREADY_SHIPPED");
        assertThat(getJson("/sandbox/v1/behaviour/store-y").get("cancellation").asText()).isEqualTo("ALREADY_SHIPPED");
        assertThat(x.get("intercept").asText()).isEqualTo("INTERCEPTED");
        assertThat(x.get("delay").asText()).isEqualTo("PT2S");
    }

    // ------------------------------------------------------------------------------------ durability

    @Test
    void a_payout_survives_a_restart_on_the_same_data_directory_and_is_answered_the_same() throws Exception {
        String body = payout("R-D", "store-d", "42.00", null);
        JsonNode first = JSON.readTree(post("/sandbox/v1/payouts", body).body());
        List<String> lines = Files.readAllLines(sandbox.ledgerFile());
        assertThat(sandbox.ledgerFile()).isEqualTo(dataDir.resolve("sandbox").resolve("ledger.jsonl").toAbsolutePath());
        assertThat(lines).anyMatch(line -> line.contains("R-D"));

        sandbox.close();
        sandbox = PlatformSandbox.start(0, dataDir, SECRET);

        JsonNode ledger = getJson("/sandbox/v1/payouts?refundId=refund-R-D");
        assertThat(ledger).hasSize(1);
        assertThat(ledger.get(0).get("payoutId").asText()).isEqualTo(first.get("payoutId").asText());
        HttpResponse<String> again = post("/sandbox/v1/payouts", body);
        assertThat(JSON.readTree(again.body())).isEqualTo(first);
        assertThat(post("/sandbox/v1/payouts", payout("R-D", "store-d", "43.00", null)).statusCode()).isEqualTo(409);
        assertThat(getJson("/sandbox/v1/payouts?refundId=refund-R-D").get(0).get("requests").asInt()).isEqualTo(2);
    }

    @Test
    void a_processing_payout_is_paid_and_notified_after_a_restart() throws Exception {
        receiver = new NotificationReceiver();
        put("/sandbox/v1/behaviour/store-r", "{\"payouts\":\"LATE\",\"delay\":\"PT1S\"}");
        post("/sandbox/v1/payouts", payout("R-R", "store-r", "5.00", receiver.url()));
        sandbox.close();
        assertThat(receiver.received()).isEmpty();

        sandbox = PlatformSandbox.start(0, dataDir, SECRET);

        await().atMost(Duration.ofSeconds(10)).until(() -> !receiver.received().isEmpty());
        NotificationReceiver.Received notification = receiver.received().get(0);
        assertThat(JSON.readTree(notification.body()).get("requestNo").asText()).isEqualTo("R-R");
        assertThat(notification.signature()).isEqualTo(PlatformSandbox.signature(SECRET, notification.body()));
        assertThat(getJson("/sandbox/v1/payouts?storeId=store-r").get(0).get("status").asText()).isEqualTo("PAID");
    }

    @Test
    void a_torn_last_ledger_line_is_skipped_at_start() throws Exception {
        post("/sandbox/v1/payouts", payout("R-TORN", "store-d", "1.00", null));
        sandbox.close();
        Files.writeString(sandbox.ledgerFile(), "{\"kind\":\"payout\",\"requ", java.nio.file.StandardOpenOption.APPEND);

        sandbox = PlatformSandbox.start(0, dataDir, SECRET);

        assertThat(getJson("/sandbox/v1/payouts?requestNo=R-TORN")).hasSize(1);
    }

    // ------------------------------------------------------------------------------------ warehouse, couriers

    @Test
    void the_warehouse_cancels_or_says_already_shipped_as_the_store_behaviour_says() throws Exception {
        JsonNode cancelled = postJson("/sandbox/v1/warehouse/cancellations",
                "{\"requestNo\":\"C-1\",\"storeId\":\"store-w\",\"orderId\":\"O-1\"}");
        assertThat(cancelled).isEqualTo(JSON.readTree("{\"requestNo\":\"C-1\",\"result\":\"CANCELLED\"}"));

        put("/sandbox/v1/behaviour/store-w", "{\"cancellation\":\"ALREADY_SHIPPED\"}");
        JsonNode shipped = postJson("/sandbox/v1/warehouse/cancellations",
                "{\"requestNo\":\"C-2\",\"storeId\":\"store-w\",\"orderId\":\"O-2\"}");
        assertThat(shipped.get("result").asText()).isEqualTo("ALREADY_SHIPPED");
        // the courier can only be asked to intercept a parcel the warehouse names
        assertThat(shipped.path("courier").asText()).as("courier").isNotBlank();
        assertThat(shipped.path("trackingNumber").asText()).as("tracking number").isNotBlank();
        assertThat(postJson("/sandbox/v1/warehouse/cancellations",
                "{\"requestNo\":\"C-1\",\"storeId\":\"store-w\",\"orderId\":\"O-1\"}"))
                .as("a repeated requestNo gets its first answer").isEqualTo(cancelled);
        assertThat(post("/sandbox/v1/warehouse/cancellations",
                "{\"requestNo\":\"C-1\",\"storeId\":\"store-w\",\"orderId\":\"O-9\"}").statusCode()).isEqualTo(409);
        assertThat(getJson("/sandbox/v1/warehouse/cancellations?orderId=O-1").get(0).get("requests").asInt()).isEqualTo(2);
    }

    @Test
    void stock_is_held_and_released_twice_with_204_or_is_out_of_stock() throws Exception {
        String hold = "{\"requestNo\":\"H-1\",\"storeId\":\"store-s\",\"orderId\":\"O-1\",\"sku\":\"SKU-1\","
                + "\"quantity\":2,\"reason\":\"RESHIPMENT\"}";
        JsonNode held = postJson("/sandbox/v1/warehouse/stock-holds", hold);
        assertThat(held.get("result").asText()).isEqualTo("HELD");
        String holdId = held.get("holdId").asText();
        assertThat(postJson("/sandbox/v1/warehouse/stock-holds", hold)).isEqualTo(held);

        assertThat(delete("/sandbox/v1/warehouse/stock-holds/" + holdId).statusCode()).isEqualTo(204);
        assertThat(delete("/sandbox/v1/warehouse/stock-holds/" + holdId).statusCode()).isEqualTo(204);
        assertThat(getJson("/sandbox/v1/warehouse/stock-holds?holdId=" + holdId).get(0).get("releasedAt").isNull())
                .isFalse();
        assertThat(delete("/sandbox/v1/warehouse/stock-holds/HOLD-unknown").statusCode()).isEqualTo(404);

        put("/sandbox/v1/behaviour/store-s", "{\"stock\":\"OUT_OF_STOCK\"}");
        JsonNode out = postJson("/sandbox/v1/warehouse/stock-holds", hold.replace("H-1", "H-2"));
        assertThat(out.get("result").asText()).isEqualTo("OUT_OF_STOCK");
        assertThat(out.get("holdId").isNull()).isTrue();
    }

    @Test
    void a_courier_intercepts_or_fails_as_the_store_behaviour_says() throws Exception {
        String intercept = "{\"requestNo\":\"I-1\",\"storeId\":\"store-c\",\"courier\":\"SF\",\"trackingNumber\":\"SF100\"}";
        assertThat(postJson("/sandbox/v1/couriers/intercepts", intercept))
                .isEqualTo(JSON.readTree("{\"requestNo\":\"I-1\",\"result\":\"INTERCEPTED\"}"));

        put("/sandbox/v1/behaviour/store-c", "{\"intercept\":\"FAILED\"}");

        assertThat(postJson("/sandbox/v1/couriers/intercepts", intercept.replace("I-1", "I-2")).get("result").asText())
                .isEqualTo("FAILED");
        assertThat(postJson("/sandbox/v1/couriers/intercepts", intercept).get("result").asText())
                .as("a repeated requestNo gets its first answer").isEqualTo("INTERCEPTED");
    }

    // ------------------------------------------------------------------------------------ validation, health

    @Test
    void a_missing_or_blank_field_bad_money_or_an_unknown_value_is_a_400_problem_naming_the_field() throws Exception {
        Map<String, String> cases = Map.of(
                "requestNo", payout("R-V", "store-v", "1.00", null).replace("\"requestNo\":\"R-V\",", ""),
                "storeId", payout("R-V", " ", "1.00", null),
                "amount.amount", payout("R-V", "store-v", "12,50", null),
                "platform", payout("R-V", "store-v", "1.00", null).replace("TMALL", "AMAZON"),
                "notifyUrl", payout("R-V", "store-v", "1.00", "not a url"));
        for (Map.Entry<String, String> bad : cases.entrySet()) {
            HttpResponse<String> answer = post("/sandbox/v1/payouts", bad.getValue());
            assertThat(answer.statusCode()).as(bad.getKey()).isEqualTo(400);
            assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            assertThat(JSON.readTree(answer.body()).get("field").asText()).isEqualTo(bad.getKey());
            assertThat(JSON.readTree(answer.body()).get("detail").asText()).startsWith(bad.getKey());
        }
        assertThat(JSON.readTree(post("/sandbox/v1/payouts", payout("R-V", "store-v", "0.00", null)).body())
                .get("field").asText()).isEqualTo("amount.amount");
        assertThat(JSON.readTree(post("/sandbox/v1/payouts",
                payout("R-V", "store-v", "1.00", null).replace("CNY", "yuan")).body())
                .get("field").asText()).isEqualTo("amount.currency");
        HttpResponse<String> behaviour = put("/sandbox/v1/behaviour/store-v", "{\"payouts\":\"SOMETIMES\"}");
        assertThat(behaviour.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(behaviour.body()).get("field").asText()).isEqualTo("payouts");
        assertThat(post("/sandbox/v1/warehouse/stock-holds", "{\"requestNo\":\"H\",\"storeId\":\"s\",\"orderId\":\"o\","
                + "\"sku\":\"k\",\"quantity\":1,\"reason\":\"GIFT\"}").statusCode()).isEqualTo(400);
        assertThat(getJson("/sandbox/v1/payouts")).isEmpty();
    }

    @Test
    void health_answers_200_once_it_serves() throws Exception {
        HttpResponse<String> health = HTTP.send(HttpRequest.newBuilder(URI.create(sandbox.url() + "/health")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(health.body()).get("status").asText()).isEqualTo("UP");
    }

    @Test
    void the_signature_is_hmac_sha256_in_lower_case_hex_with_its_prefix() {
        // RFC 4231, test case 2
        assertThat(PlatformSandbox.signature("Jefe", "what do ya want for nothing?".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    }

    @Test
    void the_options_default_to_port_8090_and_the_data_directory_and_follow_the_environment() {
        PlatformSandbox.Options defaults = PlatformSandbox.Options.parse(new String[0], Map.of());
        assertThat(defaults.port).isEqualTo(8090);
        assertThat(defaults.dataDir).isEqualTo(Path.of("./data"));
        assertThat(defaults.secret).isEqualTo("sandbox-secret");

        PlatformSandbox.Options fromEnv = PlatformSandbox.Options.parse(new String[] {"--data-dir=/tmp/x"},
                Map.of("AFTERSALES_SANDBOX_PORT", "18090", "AFTERSALES_SANDBOX_SECRET", "s3"));
        assertThat(fromEnv.port).isEqualTo(18090);
        assertThat(fromEnv.dataDir).isEqualTo(Path.of("/tmp/x"));
        assertThat(fromEnv.secret).isEqualTo("s3");
        assertThat(PlatformSandbox.Options.parse(new String[] {"--port=18091"}, Map.of()).port).isEqualTo(18091);
    }

    // ------------------------------------------------------------------------------------ helpers

    static String payout(String requestNo, String storeId, String amount, String notifyUrl) {
        return "{\"requestNo\":\"" + requestNo + "\",\"platform\":\"TMALL\",\"storeId\":\"" + storeId
                + "\",\"orderId\":\"order-" + requestNo + "\",\"refundId\":\"refund-" + requestNo
                + "\",\"amount\":{\"amount\":\"" + amount + "\",\"currency\":\"CNY\"}"
                + (notifyUrl == null ? "" : ",\"notifyUrl\":\"" + notifyUrl + "\"") + "}";
    }

    HttpResponse<String> post(String path, String body) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(sandbox.url() + path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    JsonNode postJson(String path, String body) throws IOException, InterruptedException {
        HttpResponse<String> answer = post(path, body);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return JSON.readTree(answer.body());
    }

    HttpResponse<String> put(String path, String body) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(sandbox.url() + path)).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body)));
    }

    HttpResponse<String> delete(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(sandbox.url() + path)).DELETE());
    }

    JsonNode getJson(String path) throws IOException, InterruptedException {
        HttpResponse<String> answer = send(HttpRequest.newBuilder(URI.create(sandbox.url() + path)).GET());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return JSON.readTree(answer.body());
    }

    static HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return HTTP.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
