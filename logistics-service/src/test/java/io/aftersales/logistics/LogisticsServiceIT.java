package io.aftersales.logistics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aftersales.testing.InfrastructureIntegrationTest;
import io.aftersales.testing.TcpProxy;
import io.aftersales.testing.TestInfrastructure;
import io.aftersales.testing.TestTokens;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * logistics-service on the test infrastructure, with the warehouse of the platform sandbox in this JVM
 * ({@link TestInfrastructure#sandboxUrl()}, docs/platform-sandbox.md) reached through a {@link TcpProxy}: a test stops
 * the proxy to play an unreachable warehouse ({@link #warehouseUnreachable}). One fixed configuration so that every
 * integration test class shares a single application context. Each test uses its own store id, so tests never see
 * each other's claims, warehouse behaviours ({@link #behave}) or stock holds ({@link #stockHolds}).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "management.server.port=0",
        "spring.data.mongodb.database=aftersales_logistics_it",
        "aftersales.logistics.warehouse-timeout=2s",
        "aftersales.logistics.metrics-every=200ms"})
public abstract class LogisticsServiceIT extends InfrastructureIntegrationTest {

    @Autowired
    protected WebTestClient anonymous;

    /** The test's own store. */
    protected String store;
    /** Calls as a LOGISTICS user of {@link #store}. */
    protected WebTestClient logistics;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient SANDBOX = HttpClient.newHttpClient();
    private static TcpProxy warehouseProxy;

    @DynamicPropertySource
    static void warehouse(DynamicPropertyRegistry registry) {
        registry.add("aftersales.logistics.warehouse-url", LogisticsServiceIT::warehouseUrl);
    }

    private static synchronized String warehouseUrl() {
        if (warehouseProxy == null) {
            URI sandbox = URI.create(TestInfrastructure.sandboxUrl());
            warehouseProxy = TcpProxy.to(sandbox.getHost(), sandbox.getPort());
            warehouseProxy.start();
        }
        return "http://127.0.0.1:" + warehouseProxy.port();
    }

    /** Runs {@code action} with the warehouse unreachable (connections refused), then reachable again. */
    protected static synchronized void warehouseUnreachable(Runnable action) {
        warehouseUrl();
        warehouseProxy.stop();
        try {
            action.run();
        } finally {
            warehouseProxy.start();
        }
    }

    /** Sets one store's behaviour in the sandbox, e.g. {@code {"stock":"OUT_OF_STOCK"}}. */
    public static void behave(String storeId, String behaviour) {
        HttpResponse<String> answer = sandbox(HttpRequest.newBuilder(URI.create(TestInfrastructure.sandboxUrl()
                        + "/sandbox/v1/behaviour/" + URLEncoder.encode(storeId, StandardCharsets.UTF_8)))
                .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(behaviour)));
        if (answer.statusCode() != 200) {
            throw new IllegalStateException("behaviour of " + storeId + ": " + answer.statusCode() + " " + answer.body());
        }
    }

    /** The sandbox's stock holds asked for a store, in the order first asked ({@code requestNo, result, requests ...}). */
    public static List<JsonNode> stockHolds(String storeId) {
        HttpResponse<String> answer = sandbox(HttpRequest.newBuilder(URI.create(TestInfrastructure.sandboxUrl()
                + "/sandbox/v1/warehouse/stock-holds?storeId=" + URLEncoder.encode(storeId, StandardCharsets.UTF_8))).GET());
        try {
            List<JsonNode> holds = new ArrayList<>();
            JSON.readTree(answer.body()).forEach(holds::add);
            return holds;
        } catch (IOException e) {
            throw new IllegalStateException(answer.body(), e);
        }
    }

    private static HttpResponse<String> sandbox(HttpRequest.Builder request) {
        try {
            return SANDBOX.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @BeforeEach
    void newStore() {
        store = "store-" + UUID.randomUUID().toString().substring(0, 8);
        logistics = as("LOGISTICS", store);
    }

    protected WebTestClient as(String role, String storeId) {
        return as(TestTokens.token(role.toLowerCase() + "-1", List.of(role), List.of(storeId)));
    }

    protected WebTestClient as(String token) {
        return anonymous.mutate().defaultHeader(HttpHeaders.AUTHORIZATION, "Bearer " + token).build();
    }

    protected Map<String, Object> claimBody(String kind) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("ticketId", "ticket-" + UUID.randomUUID());
        body.put("storeId", store);
        body.put("orderId", "order-" + UUID.randomUUID());
        body.put("sku", "JK2611-RED-M");
        body.put("quantity", 1);
        body.put("kind", kind);
        body.put("courier", "ZTO");
        body.put("trackingNumber", "78391045528361");
        return body;
    }

    /** Opens a claim by the API and returns it. */
    @SuppressWarnings("unchecked")
    protected Map<String, Object> openClaim(String kind) {
        return logistics.post().uri("/api/v1/claims").contentType(MediaType.APPLICATION_JSON).bodyValue(claimBody(kind))
                .exchange().expectStatus().isEqualTo(HttpStatus.CREATED)
                .expectBody(Map.class).returnResult().getResponseBody();
    }

    @SuppressWarnings("unchecked")
    protected Map<String, Object> act(String claimId, String action, Object body) {
        return logistics.post().uri("/api/v1/claims/{id}/" + action, claimId).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body).exchange().expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
    }

    protected static Map<String, String> cny(String amount) {
        return Map.of("amount", amount, "currency", "CNY");
    }
}
