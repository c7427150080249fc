package io.aftersales.logistics.web;

import io.aftersales.logistics.LogisticsServiceIT;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Store scope and roles on every endpoint: another store's claim does not exist, a role answers 403 before anything. */
class ClaimSecurityIT extends LogisticsServiceIT {

    /** Every write endpoint, a valid body, and the roles allowed (besides ADMIN). */
    record Endpoint(String action, Map<String, Object> body, Set<String> roles) {
    }

    static final List<Endpoint> ACTIONS = List.of(
            new Endpoint("reshipment/shipped", Map.of("courier", "SF", "trackingNumber", "SF1"), Set.of("WAREHOUSE", "LOGISTICS")),
            new Endpoint("weighing", Map.of("slipWeightGrams", 1200, "measuredWeightGrams", 700), Set.of("WAREHOUSE", "LOGISTICS")),
            new Endpoint("wrong-shipment", Map.of("skuSent", "X", "quantity", 1, "warehouse", "WH"), Set.of("WAREHOUSE", "LOGISTICS")),
            new Endpoint("address", Map.of("resolution", "FORWARD_BY_EMS", "remark", "ems"), Set.of("LOGISTICS")),
            new Endpoint("filing", Map.of("courier", "ZTO", "claimNumber", "Z1", "amountClaimed", Map.of("amount", "1.00", "currency", "CNY")), Set.of("LOGISTICS")),
            new Endpoint("acceptance", Map.of("amountAccepted", Map.of("amount", "1.00", "currency", "CNY")), Set.of("LOGISTICS")),
            new Endpoint("rejection", Map.of("reason", "no"), Set.of("LOGISTICS")),
            new Endpoint("escalation", Map.of("note", "up"), Set.of("LOGISTICS")),
            new Endpoint("write-off", Map.of("reason", "gone"), Set.of("LOGISTICS")),
            new Endpoint("compensation", Map.of("amountReceived", Map.of("amount", "1.00", "currency", "CNY")), Set.of("LOGISTICS")));

    static final List<String> ROLES = List.of("AGENT", "SUPERVISOR", "WAREHOUSE", "LOGISTICS", "QA");

    @Test
    void another_stores_claim_answers_404_on_every_read_and_action_and_nothing_changes() {
        String claimId = (String) openClaim("LOST").get("id");
        WebTestClient otherStore = as("LOGISTICS", "another-store");

        otherStore.get().uri("/api/v1/claims/{id}", claimId).exchange().expectStatus().isNotFound()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
        for (Endpoint endpoint : ACTIONS) {
            otherStore.post().uri("/api/v1/claims/{id}/" + endpoint.action(), claimId).bodyValue(endpoint.body())
                    .exchange().expectStatus().isNotFound();
        }
        logistics.get().uri("/api/v1/claims/{id}", claimId).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.version").isEqualTo(1).jsonPath("$.status").isEqualTo("RESHIPMENT_ORDERED");
        otherStore.get().uri("/api/v1/claims").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.items[?(@.id == '" + claimId + "')]").doesNotExist();
    }

    @Test
    void a_claim_is_opened_only_for_a_store_of_the_caller_and_only_by_logistics() {
        Map<String, Object> body = claimBody("LOST");
        body.put("storeId", "another-store");
        logistics.post().uri("/api/v1/claims").bodyValue(body).exchange().expectStatus().isForbidden();
        for (String role : List.of("AGENT", "SUPERVISOR", "WAREHOUSE", "QA")) {
            as(role, store).post().uri("/api/v1/claims").bodyValue(claimBody("LOST")).exchange()
                    .expectStatus().isForbidden()
                    .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
        }
    }

    @Test
    void every_action_is_refused_with_403_to_the_roles_not_named_for_it() {
        String claimId = (String) openClaim("LOST").get("id");
        for (Endpoint endpoint : ACTIONS) {
            for (String role : ROLES) {
                if (endpoint.roles().contains(role)) {
                    continue;
                }
                HttpStatus status = (HttpStatus) as(role, store).method(HttpMethod.POST)
                        .uri("/api/v1/claims/{id}/" + endpoint.action(), claimId).bodyValue(endpoint.body())
                        .exchange().returnResult(String.class).getStatus();
                assertThat(status).as(role + " on " + endpoint.action()).isEqualTo(HttpStatus.FORBIDDEN);
            }
        }
        logistics.get().uri("/api/v1/claims/{id}", claimId).exchange().expectBody().jsonPath("$.version").isEqualTo(1);
    }

    @Test
    void without_a_token_every_endpoint_answers_401() {
        anonymous.get().uri("/api/v1/claims").exchange().expectStatus().isUnauthorized();
        anonymous.get().uri("/api/v1/claims/x").exchange().expectStatus().isUnauthorized();
        anonymous.post().uri("/api/v1/claims").bodyValue(claimBody("LOST")).exchange().expectStatus().isUnauthorized();
        anonymous.post().uri("/api/v1/claims/x/filing").bodyValue(Map.of()).exchange().expectStatus().isUnauthorized();
        anonymous.get().uri("/api/v1/registers/compensation?month=2026-11").exchange().expectStatus().isUnauthorized();
        anonymous.get().uri("/api/v1/registers/reconciliation?month=2026-11").exchange().expectStatus().isUnauthorized();
        anonymous.get().uri("/api/v1/registers/wrong-shipments").exchange().expectStatus().isUnauthorized();
    }

    @Test
    void the_registers_show_only_the_callers_stores_and_only_to_their_roles() {
        String claimId = (String) openClaim("LOST").get("id");
        act(claimId, "filing", Map.of("courier", "ZTO", "claimNumber", "Z1", "amountClaimed",
                Map.of("amount", "10.00", "currency", "CNY")));
        String month = Instant.now().atZone(ZoneId.of("Asia/Shanghai")).toLocalDate().toString().substring(0, 7);

        logistics.get().uri("/api/v1/registers/compensation?month={m}", month).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$[?(@.claimId == '" + claimId + "')]").exists();
        as("LOGISTICS", "another-store").get().uri("/api/v1/registers/compensation?month={m}", month).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$[?(@.claimId == '" + claimId + "')]").doesNotExist();
        as("LOGISTICS", "another-store").get().uri("/api/v1/registers/reconciliation?month={m}", month).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.length()").isEqualTo(0);
        for (String role : List.of("AGENT", "WAREHOUSE", "QA")) {
            as(role, store).get().uri("/api/v1/registers/compensation?month={m}", month).exchange()
                    .expectStatus().isForbidden();
            as(role, store).get().uri("/api/v1/registers/reconciliation?month={m}", month).exchange()
                    .expectStatus().isForbidden();
        }
        as("AGENT", store).get().uri("/api/v1/registers/wrong-shipments").exchange().expectStatus().isForbidden();
        as("WAREHOUSE", store).get().uri("/api/v1/registers/wrong-shipments").exchange().expectStatus().isOk();
    }

    @Test
    void an_action_on_an_outdated_etag_is_refused_with_409_and_changes_nothing() {
        String claimId = (String) openClaim("LOST").get("id");
        logistics.post().uri("/api/v1/claims/{id}/filing", claimId).header("If-Match", "\"0\"")
                .bodyValue(Map.of("courier", "ZTO", "claimNumber", "Z1", "amountClaimed", cny("1.00")))
                .exchange().expectStatus().isEqualTo(HttpStatus.CONFLICT)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
        logistics.post().uri("/api/v1/claims/{id}/filing", claimId).header("If-Match", "\"1\"")
                .bodyValue(Map.of("courier", "ZTO", "claimNumber", "Z1", "amountClaimed", cny("1.00")))
                .exchange().expectStatus().isOk().expectHeader().valueEquals("ETag", "\"2\"");
    }
}
