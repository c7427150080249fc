package io.aftersales.refund;

import io.aftersales.testing.InfrastructureIntegrationTest;
import io.aftersales.testing.TestTokens;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.HttpHeaders;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.util.List;

/**
 * refund-service on real infrastructure (Testcontainers or the embedded servers) with a stub
 * platform sandbox. One fixed configuration so that every integration test class shares one context.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "management.server.port=0",
        "spring.data.mongodb.database=aftersales_refunds_it",
        "aftersales.messaging.partitions=3",
        "aftersales.sandbox.secret=" + StubSandbox.SECRET,
        "aftersales.refunds.policy.stores.tmall-flagship.supervisor-approval-above=300.00",
        // paid refunds close 3 s after payment (long enough for a test to see PAID), swept every second
        "aftersales.refunds.closing.after-paid=PT3S", "aftersales.refunds.closing.every=PT1S"})
public abstract class RefundServiceIT extends InfrastructureIntegrationTest {

    protected static final String STORE = "tmall-flagship";

    @DynamicPropertySource
    static void sandbox(DynamicPropertyRegistry registry) {
        registry.add("aftersales.sandbox.url", () -> StubSandbox.get().url());
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
