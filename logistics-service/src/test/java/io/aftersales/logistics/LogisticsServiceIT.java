package io.aftersales.logistics;

import io.aftersales.testing.InfrastructureIntegrationTest;
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

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * logistics-service on the test infrastructure, with the warehouse played by {@link StubWarehouse}. One fixed
 * configuration so that every integration test class shares a single application context. Each test uses its own
 * store id, so tests never see each other's claims or warehouse answers.
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

    @DynamicPropertySource
    static void warehouse(DynamicPropertyRegistry registry) {
        registry.add("aftersales.logistics.warehouse-url", StubWarehouse::url);
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
