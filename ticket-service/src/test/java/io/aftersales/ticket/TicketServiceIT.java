package io.aftersales.ticket;

import io.aftersales.testing.InfrastructureIntegrationTest;
import io.aftersales.testing.TestTokens;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The ticket service on real infrastructure (Testcontainers or the embedded servers). One fixed
 * configuration so that every integration test class shares a single application context.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "management.server.port=0",
        "spring.data.mongodb.database=aftersales_tickets_it",
        "aftersales.messaging.partitions=3",
        // short producer timeouts so that an outage fails sends (and exercises the relay's retry) within seconds
        "spring.kafka.producer.properties.delivery.timeout.ms=3000",
        "spring.kafka.producer.properties.request.timeout.ms=1000",
        "spring.kafka.producer.properties.max.block.ms=2000",
        "aftersales.messaging.send-timeout=5s",
        // no clock deadline fires by itself here: a suite longer than 4 minutes would otherwise warn on other
        // tests' tickets while they run (ClockDeadlinesIT fires them with pollers of its own)
        "aftersales.tickets.clocks.poll-every=3650d",
        // a store open around the clock, so the clock tests do not depend on the hour they run at
        "aftersales.tickets.policy.stores." + TicketServiceIT.ALWAYS_OPEN_STORE + ".sla.always-open=true"})
public abstract class TicketServiceIT extends InfrastructureIntegrationTest {

    protected static final String STORE = "tmall-flagship";
    protected static final String AGENT = "agent-7";
    /** A store whose desk is open 24/7 (every other store is on the default 09:00-23:00 Beijing time). */
    protected static final String ALWAYS_OPEN_STORE = "jd-always-open";

    @Autowired
    protected WebTestClient anonymous;

    /** Calls as {@link #AGENT}, an agent of {@link #STORE}. */
    protected WebTestClient web;

    @BeforeEach
    void authenticateAsAgent() {
        web = as(TestTokens.token(AGENT, List.of("AGENT"), List.of(STORE)));
    }

    protected WebTestClient as(String token) {
        // WebTestClient's 5 s default was exceeded once by a first request on the loaded 2-core CI machine
        return anonymous.mutate().responseTimeout(Duration.ofSeconds(30))
                .defaultHeader(HttpHeaders.AUTHORIZATION, "Bearer " + token).build();
    }

    /** A realistic quality complaint: a Tmall buyer's jacket fading after the first wash. */
    protected static Map<String, Object> qualityTicket(String buyerId, String externalId) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("storeId", STORE);
        body.put("platform", "TMALL");
        body.put("orderId", "order-" + UUID.randomUUID());
        body.put("externalId", externalId);
        body.put("buyerId", buyerId);
        body.put("vip", false);
        body.put("sku", "JK2611-RED-M");
        body.put("styleCode", "JK2611");
        body.put("batch", "B2026-11-A");
        body.put("quantity", 1);
        body.put("paidAmount", Map.of("amount", "259.00", "currency", "CNY"));
        body.put("signedAt", "2026-11-21T09:00:00Z");
        body.put("category", "QUALITY");
        body.put("defectType", "COLOUR_FADING");
        body.put("description", "Colour runs after the first wash");
        body.put("evidence", List.of(Map.of("kind", "PHOTO", "ref", buyerId + "/1.jpg")));
        return body;
    }

    protected static String newExternalId() {
        return "RF-" + UUID.randomUUID();
    }

    /** Opens a ticket and returns its id. */
    protected String open(Map<String, Object> body) {
        return web.post().uri("/api/v1/tickets").contentType(MediaType.APPLICATION_JSON).bodyValue(body)
                .exchange()
                .expectStatus().isEqualTo(HttpStatus.CREATED)
                .expectBody(Map.class).returnResult().getResponseBody().get("id").toString();
    }
}
