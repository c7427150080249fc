package io.aftersales.refund;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.aftersales.refund.sandbox.SandboxSignature;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stand-in for the platform sandbox (docs/platform-sandbox.md) until its process is merged: the
 * payouts endpoint with per-store behaviour ({@code OK}: PAID at once, {@code LATE}: PROCESSING and a
 * signed notification right after, {@code FAIL}: 503), idempotent on {@code requestNo}, counting the
 * requests per refund; the warehouse and courier endpoints answer CANCELLED and INTERCEPTED.
 */
public final class StubSandbox {

    public static final String SECRET = "sandbox-secret";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static StubSandbox instance;

    private final HttpServer server;
    private final Map<String, String> behaviour = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();
    private final Map<String, String> paid = new ConcurrentHashMap<>();
    private final HttpClient client = HttpClient.newHttpClient();

    private StubSandbox() throws IOException {
        server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
        server.createContext("/sandbox/v1/payouts", this::payout);
        server.createContext("/sandbox/v1/warehouse/cancellations", e -> answer(e, 200,
                JSON.createObjectNode().put("requestNo", read(e).path("requestNo").asText()).put("result", "CANCELLED")));
        server.createContext("/sandbox/v1/couriers/intercepts", e -> answer(e, 200,
                JSON.createObjectNode().put("requestNo", read(e).path("requestNo").asText()).put("result", "INTERCEPTED")));
        server.start();
    }

    public static synchronized StubSandbox get() {
        if (instance == null) {
            try {
                instance = new StubSandbox();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return instance;
    }

    public String url() {
        return "http://localhost:" + server.getAddress().getPort();
    }

    /** {@code OK}, {@code LATE} or {@code FAIL} for one store's payouts. */
    public void behave(String storeId, String payouts) {
        behaviour.put(storeId, payouts);
    }

    /** How often the payout of this refund was asked (every request, answered or not). */
    public int payoutRequests(String refundId) {
        AtomicInteger count = requests.get(refundId);
        return count == null ? 0 : count.get();
    }

    private void payout(HttpExchange exchange) throws IOException {
        JsonNode body = read(exchange);
        String requestNo = body.path("requestNo").asText();
        requests.computeIfAbsent(requestNo, k -> new AtomicInteger()).incrementAndGet();
        String mode = behaviour.getOrDefault(body.path("storeId").asText(), "OK");
        if (mode.equals("FAIL")) {
            answer(exchange, 503, JSON.createObjectNode().put("error", "unavailable"));
            return;
        }
        String paidAt = paid.computeIfAbsent(requestNo, k -> Instant.now().toString());
        ObjectNode answer = JSON.createObjectNode().put("requestNo", requestNo).put("payoutId", "PO-" + requestNo)
                .put("status", mode.equals("LATE") ? "PROCESSING" : "PAID").put("paidAt", paidAt);
        answer(exchange, 200, answer);
        if (mode.equals("LATE") && body.hasNonNull("notifyUrl")) {
            byte[] notification = JSON.createObjectNode().put("requestNo", requestNo).put("payoutId", "PO-" + requestNo)
                    .put("status", "PAID").put("paidAt", paidAt).toString().getBytes(StandardCharsets.UTF_8);
            client.sendAsync(HttpRequest.newBuilder(URI.create(body.get("notifyUrl").asText()))
                    .header("Content-Type", "application/json")
                    .header("X-Sandbox-Signature", new SandboxSignature(SECRET).sign(notification))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(notification)).build(), HttpResponse.BodyHandlers.discarding());
        }
    }

    private static JsonNode read(HttpExchange exchange) throws IOException {
        return JSON.readTree(exchange.getRequestBody().readAllBytes());
    }

    private static void answer(HttpExchange exchange, int status, JsonNode body) throws IOException {
        byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }
}
