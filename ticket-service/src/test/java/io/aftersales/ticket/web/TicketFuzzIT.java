package io.aftersales.ticket.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoDatabase;
import io.aftersales.ticket.TicketServiceIT;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A few hundred random and mutated bodies against each write endpoint: the answer is never a 500,
 * and a refused request stores nothing (a ticket is stored whole or not at all).
 */
class TicketFuzzIT extends TicketServiceIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<Object> ODD_VALUES = List.of("", " ", "\u0000", "💥", "x".repeat(5000), -1, 0,
            Long.MAX_VALUE, 1.5e308, true, List.of(), List.of(1, 2), Map.of(), Map.of("amount", "abc"),
            "2026-13-45T99:00:00Z", "QUALITY", "TMALL", "null");

    @Autowired
    private MongoDatabase serviceDatabase;

    @Test
    void random_and_mutated_ticket_bodies_never_cause_a_500_or_a_half_stored_ticket() throws Exception {
        Random random = new Random(20261123);
        for (int i = 0; i < 300; i++) {
            String body = i % 3 == 0 ? randomBytesAsText(random) : JSON.writeValueAsString(mutate(random));
            long eventsBefore = storedEvents();
            EntityExchangeResult<Map> result = web.post().uri("/api/v1/tickets").contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(body).exchange().expectBody(Map.class).returnResult();
            int status = result.getStatus().value();
            assertThat(status).as("request %d: %s", i, body).isNotEqualTo(500).isLessThan(500);
            long added = storedEvents() - eventsBefore;
            if (status == 201) {
                boolean defect = Boolean.TRUE.equals(result.getResponseBody().get("defectReported"));
                assertThat(added).as("request %d stored the whole ticket", i).isEqualTo(1);
                assertThat(defect || !"QUALITY".equals(result.getResponseBody().get("category"))).isTrue();
            } else {
                assertThat(added).as("request %d refused with %d stored nothing", i, status).isZero();
            }
        }
    }

    @Test
    void random_and_mutated_remarks_never_cause_a_500() throws Exception {
        String id = open(qualityTicket("buyer-fuzz", newExternalId()));
        Random random = new Random(7);
        for (int i = 0; i < 200; i++) {
            Map<String, Object> remark = new LinkedHashMap<>();
            remark.put("text", ODD_VALUES.get(random.nextInt(ODD_VALUES.size())));
            if (random.nextBoolean()) {
                remark.put("flagged", ODD_VALUES.get(random.nextInt(ODD_VALUES.size())));
            }
            String body = i % 4 == 0 ? randomBytesAsText(random) : JSON.writeValueAsString(remark);
            int status = web.post().uri("/api/v1/tickets/{id}/remarks", id).contentType(MediaType.APPLICATION_JSON)
                    .header("If-Match", i % 5 == 0 ? "\"" + random.nextInt(5) + "\"" : "")
                    .bodyValue(body).exchange().returnResult(String.class).getStatus().value();
            assertThat(status).as("remark %d: %s", i, body).isLessThan(500);
        }
    }

    /**
     * Mutated and random bodies against every action on a fresh ticket: never a 500, and a refused
     * request leaves the ticket's version (its ETag) as it was.
     */
    @Test
    @SuppressWarnings("unchecked")
    void random_and_mutated_action_bodies_never_cause_a_500_or_change_the_ticket_when_refused() throws Exception {
        Random random = new Random(20261124);
        for (TicketActions action : TicketActions.all()) {
            String id = open(qualityTicket("buyer-fuzz", newExternalId()));
            String before = TicketSecurityIT.etagOf(web, id);
            for (int i = 0; i < 15; i++) {
                Map<String, Object> mutated = action.body() == null ? new LinkedHashMap<>()
                        : new LinkedHashMap<>(action.body());
                List<String> fields = new ArrayList<>(mutated.keySet());
                fields.add("unknown");
                String field = fields.get(random.nextInt(fields.size()));
                switch (random.nextInt(3)) {
                    case 0 -> mutated.remove(field);
                    case 1 -> mutated.put(field, null);
                    default -> mutated.put(field, ODD_VALUES.get(random.nextInt(ODD_VALUES.size())));
                }
                String body = i % 4 == 0 ? randomBytesAsText(random) : JSON.writeValueAsString(mutated);
                EntityExchangeResult<String> result = asSupervisor().post()
                        .uri("/api/v1/tickets/{id}/" + action.path(), id)
                        .contentType(MediaType.APPLICATION_JSON)
                        .header("If-Match", i % 5 == 0 ? "\"" + random.nextInt(5) + "\"" : "")
                        .bodyValue(body).exchange().expectBody(String.class).returnResult();
                int status = result.getStatus().value();
                assertThat(status).as("%s %d: %s -> %s", action, i, body, result.getResponseBody()).isLessThan(500);
                if (status == 200) {
                    before = result.getResponseHeaders().getETag();
                } else {
                    assertThat(TicketSecurityIT.etagOf(web, id)).as("%s %d refused with %d changed nothing", action, i,
                            status).isEqualTo(before);
                }
            }
        }
    }

    private org.springframework.test.web.reactive.server.WebTestClient asSupervisor() {
        return as(io.aftersales.testing.TestTokens.token("sup-fuzz", List.of("SUPERVISOR", "AGENT"), List.of(STORE)));
    }

    private static Map<String, Object> mutate(Random random) {
        Map<String, Object> body = qualityTicket("buyer-" + random.nextInt(1000), newExternalId());
        List<String> fields = new ArrayList<>(body.keySet());
        int mutations = 1 + random.nextInt(3);
        for (int m = 0; m < mutations; m++) {
            String field = fields.get(random.nextInt(fields.size()));
            switch (random.nextInt(4)) {
                case 0 -> body.remove(field);
                case 1 -> body.put(field, null);
                case 2 -> body.put(field, ODD_VALUES.get(random.nextInt(ODD_VALUES.size())));
                default -> body.put("unknown" + random.nextInt(10), ODD_VALUES.get(random.nextInt(ODD_VALUES.size())));
            }
        }
        return body;
    }

    private static String randomBytesAsText(Random random) {
        StringBuilder text = new StringBuilder();
        String alphabet = "{}[]\":,0123456789abcdefnulltrue -.\\\u00e9";
        int length = random.nextInt(200);
        for (int i = 0; i < length; i++) {
            text.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return text.toString();
    }

    private long storedEvents() {
        return serviceDatabase.getCollection("domainevents").countDocuments();
    }
}
