package io.aftersales.logistics.web;

import io.aftersales.logistics.LogisticsServiceIT;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every write endpoint fed malformed and hostile bodies: never a 500, always problem+json, and nothing half-written
 * (the claim keeps its version, no claim appears for a refused opening).
 */
class ClaimFuzzIT extends LogisticsServiceIT {

    private static final Object[] JUNK = {null, "", " ", "x".repeat(5000), -1, 0, 2147483648L, 1.5, true,
            List.of(1), Map.of("a", 1), "💥", "=cmd|' /C calc'!A0", "'; db.dropDatabase(); '", "NaN", "-0.01",
            "1e9", "12.345", Map.of("amount", "-5", "currency", "CNY"), Map.of("amount", "5", "currency", "cny"),
            Map.of("amount", 5, "currency", "CNY"), Map.of("amount", "999999999999", "currency", "CNY")};

    private final Random random = new Random(20261130);

    @Test
    void malformed_bodies_on_every_action_answer_4xx_problems_and_leave_the_claim_unchanged() {
        String claimId = (String) openClaim("SHORT_DELIVERY").get("id");
        for (ClaimSecurityIT.Endpoint endpoint : ClaimSecurityIT.ACTIONS) {
            for (Map<String, Object> body : variants(endpoint.body())) {
                long before = version(claimId);
                var result = logistics.post().uri("/api/v1/claims/{id}/" + endpoint.action(), claimId)
                        .contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange().returnResult(String.class);
                HttpStatus status = (HttpStatus) result.getStatus();
                assertThat(status.is5xxServerError()).as(endpoint.action() + " " + body + " -> " + status).isFalse();
                if (status.isError()) {
                    assertThat(result.getResponseHeaders().getContentType())
                            .as(endpoint.action() + " " + body).isNotNull()
                            .matches(type -> type.isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
                    assertThat(version(claimId)).as("nothing half-written by " + endpoint.action() + " " + body)
                            .isEqualTo(before);
                }
            }
            for (String raw : List.of("", "{", "[]", "null", "\"text\"", "{\"courier\": {\"$gt\": \"\"}}")) {
                HttpStatus status = (HttpStatus) logistics.post().uri("/api/v1/claims/{id}/" + endpoint.action(), claimId)
                        .contentType(MediaType.APPLICATION_JSON).bodyValue(raw).exchange().returnResult(String.class)
                        .getStatus();
                assertThat(status.is4xxClientError()).as(endpoint.action() + " " + raw + " -> " + status).isTrue();
            }
        }
    }

    @Test
    void a_refused_opening_leaves_no_claim_and_holds_no_stock() {
        Map<String, Object> valid = claimBody("LOST");
        java.util.Set<Object> opened = new java.util.HashSet<>();
        for (Map<String, Object> body : variants(valid)) {
            body.put("storeId", store);
            if (valid.get("ticketId").equals(body.get("ticketId"))) {
                body.put("ticketId", "ticket-" + java.util.UUID.randomUUID());
            }
            var result = logistics.post().uri("/api/v1/claims").contentType(MediaType.APPLICATION_JSON).bodyValue(body)
                    .exchange().returnResult(String.class);
            HttpStatus status = (HttpStatus) result.getStatus();
            assertThat(status.is5xxServerError()).as(body + " -> " + status).isFalse();
            if (!status.isError()) {
                opened.add(body.get("ticketId"));
            } else if (!opened.contains(body.get("ticketId")) && body.get("ticketId") instanceof String ticketId && !ticketId.isBlank()
                    && ticketId.length() <= 128) {
                assertThat(logistics.get().uri("/api/v1/claims/{id}", "claim-" + ticketId.strip()).exchange()
                        .returnResult(String.class).getStatus().value())
                        .as(body + " answered " + status + " " + result.getResponseBodyContent().length)
                        .isEqualTo(404);
            }
        }
    }

    @Test
    void an_opening_the_warehouse_cannot_hold_answers_503_and_records_nothing_and_a_retry_succeeds() {
        Map<String, Object> body = claimBody("DAMAGED");
        warehouseUnreachable(() -> logistics.post().uri("/api/v1/claims").bodyValue(body).exchange()
                .expectStatus().isEqualTo(HttpStatus.SERVICE_UNAVAILABLE)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
        logistics.get().uri("/api/v1/claims/{id}", "claim-" + body.get("ticketId")).exchange()
                .expectStatus().isNotFound();
        assertThat(stockHolds(store)).isEmpty();

        behave(store, "{\"stock\":\"OUT_OF_STOCK\"}");
        logistics.post().uri("/api/v1/claims").bodyValue(body).exchange().expectStatus().isCreated()
                .expectBody().jsonPath("$.reshipments[0].stock").isEqualTo("OUT_OF_STOCK");
    }

    private long version(String claimId) {
        return ((Number) logistics.get().uri("/api/v1/claims/{id}", claimId).exchange().expectStatus().isOk()
                .expectBody(Map.class).returnResult().getResponseBody().get("version")).longValue();
    }

    /** The valid body with one field at a time replaced by junk, dropped, plus a few bodies of several junk fields. */
    private List<Map<String, Object>> variants(Map<String, Object> valid) {
        List<Map<String, Object>> variants = new ArrayList<>();
        for (String field : valid.keySet()) {
            Map<String, Object> without = new LinkedHashMap<>(valid);
            without.remove(field);
            variants.add(without);
            for (int i = 0; i < 6; i++) {
                Map<String, Object> body = new LinkedHashMap<>(valid);
                body.put(field, JUNK[random.nextInt(JUNK.length)]);
                variants.add(body);
            }
        }
        for (int i = 0; i < 5; i++) {
            Map<String, Object> body = new LinkedHashMap<>();
            Arrays.stream(valid.keySet().toArray(String[]::new))
                    .forEach(field -> body.put(field, JUNK[random.nextInt(JUNK.length)]));
            variants.add(body);
        }
        return variants;
    }
}
