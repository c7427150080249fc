package io.aftersales.logistics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The warehouse API of docs/platform-sandbox.md ({@code POST /sandbox/v1/warehouse/stock-holds}) played by a JDK
 * HttpServer until the platform sandbox is merged: answers HELD, or what {@link #answer(String, String)} set for a
 * store ({@code OUT_OF_STOCK}, or {@code FAIL} for a 503). Idempotent on requestNo like the sandbox.
 */
public final class StubWarehouse {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, String> ANSWERS = new ConcurrentHashMap<>();
    private static final Map<String, String> HOLDS = new ConcurrentHashMap<>();
    private static final List<JsonNode> REQUESTS = new CopyOnWriteArrayList<>();
    private static HttpServer server;

    private StubWarehouse() {
    }

    public static synchronized String url() {
        if (server == null) {
            try {
                server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            server.createContext("/sandbox/v1/warehouse/stock-holds", exchange -> {
                JsonNode request = JSON.readTree(exchange.getRequestBody());
                REQUESTS.add(request);
                String answer = ANSWERS.getOrDefault(request.path("storeId").asText(), "HELD");
                byte[] body;
                int status = 200;
                if (answer.equals("FAIL")) {
                    status = 503;
                    body = "{}".getBytes(StandardCharsets.UTF_8);
                } else {
                    String requestNo = request.path("requestNo").asText();
                    String result = HOLDS.computeIfAbsent(requestNo, k -> answer);
                    body = JSON.writeValueAsBytes(Map.of("requestNo", requestNo, "holdId", "hold-" + requestNo,
                            "result", result));
                }
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(status, body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
            });
            server.start();
        }
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** What the warehouse answers for a store: HELD, OUT_OF_STOCK or FAIL (503). */
    public static void answer(String storeId, String result) {
        ANSWERS.put(storeId, result);
    }

    /** The hold requests received for a store. */
    public static List<JsonNode> requests(String storeId) {
        return REQUESTS.stream().filter(r -> storeId.equals(r.path("storeId").asText())).toList();
    }
}
