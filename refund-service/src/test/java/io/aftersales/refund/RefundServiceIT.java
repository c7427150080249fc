package io.aftersales.refund;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aftersales.testing.InfrastructureIntegrationTest;
import io.aftersales.testing.TestInfrastructure;
import io.aftersales.testing.TestTokens;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.HttpHeaders;
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
import java.util.List;

/**
 * refund-service on real infrastructure (Testcontainers or the embedded servers) and the platform
 * sandbox in this JVM ({@link TestInfrastructure#sandboxUrl()}, docs/platform-sandbox.md). One fixed
 * configuration so that every integration test class shares one context. A test that sets a payout
 * behaviour does it for a store of its own ({@link #behave}); the payout ledger is read per refund
 * ({@link #payouts}).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "management.server.port=0",
        "spring.data.mongodb.database=aftersales_refunds_it",
        "aftersales.messaging.partitions=3",
        "aftersales.refunds.policy.stores.tmall-flagship.supervisor-approval-above=300.00",
        // paid refunds close 3 s after payment (long enough for a test to see PAID), swept every second
        "aftersales.refunds.closing.after-paid=PT3S", "aftersales.refunds.closing.every=PT1S"})
public abstract class RefundServiceIT extends InfrastructureIntegrationTest {

    protected static final String STORE = "tmall-flagship";

    @DynamicPropertySource
    static void sandbox(DynamicPropertyRegistry registry) {
        registry.add("aftersales.sandbox.url", TestInfrastructure::sandboxUrl);
        registry.add("aftersales.sandbox.secret", TestInfrastructure::sandboxSecret);
    }

    private static final HttpClient SANDBOX = HttpClient.newHttpClient();
    private static final ObjectMapper SANDBOX_JSON = new ObjectMapper();

    /** Sets one store's behaviour in the sandbox, e.g. {@code {"payouts":"LATE","delay":"PT1S"}}. */
    protected static void behave(String storeId, String behaviour) {
        HttpResponse<String> answer = sandbox(HttpRequest.newBuilder(URI.create(TestInfrastructure.sandboxUrl()
                        + "/sandbox/v1/behaviour/" + URLEncoder.encode(storeId, StandardCharsets.UTF_8)))
                .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(behaviour)));
        if (answer.statusCode() != 200) {
            throw new IllegalStateException("behaviour of " + storeId + ": " + answer.statusCode() + " " + answer.body());
        }
    }

    /** The sandbox's payout ledger rows of one refund: {@code [{payoutId, amount, status, requests, ...}]}. */
    protected static JsonNode payouts(String refundId) {
        HttpResponse<String> answer = sandbox(HttpRequest.newBuilder(URI.create(TestInfrastructure.sandboxUrl()
                + "/sandbox/v1/payouts?refundId=" + URLEncoder.encode(refundId, StandardCharsets.UTF_8))).GET());
        try {
            return SANDBOX_JSON.readTree(answer.body());
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

    @Autowired
    protected WebTestClient anonymous;

    protected WebTestClient as(String user, String role, String store) {
        return anonymous.mutate().defaultHeader(HttpHeaders.AUTHORIZATION,
                "Bearer " + TestTokens.token(user, List.of(role), List.of(store))).build();
    }

    protected WebTestClient agent() {
        return as("agent-7", "AGENT", STORE);
    }

    protected WebTestClient warehouse() {
        return as("wh-hz-017", "WAREHOUSE", STORE);
    }

    protected WebTestClient supervisor() {
        return as("sup-1", "SUPERVISOR", STORE);
    }
}
