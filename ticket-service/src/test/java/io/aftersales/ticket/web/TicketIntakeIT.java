package io.aftersales.ticket.web;

import com.mongodb.client.MongoDatabase;
import io.aftersales.ticket.TicketServiceIT;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class TicketIntakeIT extends TicketServiceIT {

    @Autowired
    private MongoDatabase serviceDatabase;

    @Test
    void quality_ticket_is_opened_and_read_back_with_its_trail_naming_the_token_subject() {
        Map<String, Object> body = qualityTicket("buyer-" + newExternalId(), newExternalId());
        body.put("actor", "mallory");
        body.put("openedBy", "mallory");

        EntityExchangeResult<Map> created = web.post().uri("/api/v1/tickets")
                .header("X-Actor", "mallory")
                .contentType(MediaType.APPLICATION_JSON).bodyValue(body)
                .exchange()
                .expectStatus().isCreated()
                .expectBody(Map.class).returnResult();
        String id = created.getResponseBody().get("id").toString();
        assertThat(created.getResponseHeaders().getLocation()).hasToString("/api/v1/tickets/" + id);

        web.get().uri("/api/v1/tickets/{id}", id).exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals("ETag", "\"1\"")
                .expectBody()
                .jsonPath("$.status").isEqualTo("NEW")
                .jsonPath("$.category").isEqualTo("QUALITY")
                .jsonPath("$.responsibility").isEqualTo("SELLER")
                .jsonPath("$.defectReported").isEqualTo(true)
                .jsonPath("$.paidAmount.amount").isEqualTo("259.00")
                .jsonPath("$.batch").isEqualTo("B2026-11-A");

        web.get().uri("/api/v1/tickets/{id}/history", id).exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.length()").isEqualTo(2)
                .jsonPath("$[0].event").isEqualTo("TicketOpened")
                .jsonPath("$[0].actor").isEqualTo(AGENT)
                .jsonPath("$[1].actor").isEqualTo(AGENT)
                .jsonPath("$[1].event").isEqualTo("DefectReported");
    }

    @Test
    void the_same_platform_case_twice_returns_the_ticket_opened_the_first_time() {
        String externalId = newExternalId();
        String first = open(qualityTicket("buyer-1", externalId));

        web.post().uri("/api/v1/tickets").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(qualityTicket("buyer-1", externalId))
                .exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.id").isEqualTo(first);

        web.get().uri("/api/v1/tickets/{id}/history", first).exchange()
                .expectBody().jsonPath("$.length()").isEqualTo(2);
    }

    static Stream<Arguments> invalidTickets() {
        return Stream.of(
                Arguments.of("missing sku", (Consumer<Map<String, Object>>) b -> b.remove("sku"), "sku"),
                Arguments.of("negative quantity", (Consumer<Map<String, Object>>) b -> b.put("quantity", -2), "quantity"),
                Arguments.of("unknown category", (Consumer<Map<String, Object>>) b -> b.put("category", "ALIENS"), "category"),
                Arguments.of("quality without defect type", (Consumer<Map<String, Object>>) b -> b.remove("defectType"), "defectType"),
                Arguments.of("money as a bad currency", (Consumer<Map<String, Object>>) b -> b.put("paidAmount",
                        Map.of("amount", "10", "currency", "yuan")), "paidAmount.currency"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidTickets")
    void invalid_ticket_gets_400_problem_naming_the_field_and_nothing_is_stored(String caseName,
                                                                                  Consumer<Map<String, Object>> breakIt,
                                                                                  String field) {
        long eventsBefore = storedEvents();
        Map<String, Object> body = qualityTicket("buyer-2", newExternalId());
        breakIt.accept(body);

        web.post().uri("/api/v1/tickets").contentType(MediaType.APPLICATION_JSON).bodyValue(body)
                .exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.status").isEqualTo(400)
                .jsonPath("$.errors[?(@.field == '%s')]".formatted(field)).exists();

        assertThat(storedEvents()).isEqualTo(eventsBefore);
    }

    @Test
    void every_bad_field_is_reported_at_once() {
        Map<String, Object> body = qualityTicket("buyer-3", newExternalId());
        body.remove("sku");
        body.put("quantity", -1);
        body.put("category", "ALIENS");

        web.post().uri("/api/v1/tickets").contentType(MediaType.APPLICATION_JSON).bodyValue(body)
                .exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors.length()").isEqualTo(3);
    }

    @Test
    void malformed_json_gets_400_problem() {
        web.post().uri("/api/v1/tickets").contentType(MediaType.APPLICATION_JSON).bodyValue("{\"storeId\": ")
                .exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.title").isEqualTo("Malformed JSON");
    }

    @Test
    void wrongly_typed_field_gets_400_problem_naming_it() {
        Map<String, Object> body = qualityTicket("buyer-4", newExternalId());
        body.put("quantity", "three");
        web.post().uri("/api/v1/tickets").contentType(MediaType.APPLICATION_JSON).bodyValue(body)
                .exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("quantity");
    }

    @Test
    void unknown_ticket_gets_404_problem() {
        web.get().uri("/api/v1/tickets/{id}", "no-such-ticket").exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
        web.get().uri("/api/v1/tickets/{id}/history", "no-such-ticket").exchange()
                .expectStatus().isNotFound();
    }

    @Test
    void two_concurrent_changes_from_the_same_version_one_succeeds_the_other_gets_409() {
        String id = open(qualityTicket("buyer-5", newExternalId()));

        List<CompletableFuture<HttpStatus>> attempts = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            String text = "agent " + i + " called the buyer";
            attempts.add(CompletableFuture.supplyAsync(() -> HttpStatus.valueOf(
                    web.post().uri("/api/v1/tickets/{id}/remarks", id)
                            .header("If-Match", "\"1\"")
                            .contentType(MediaType.APPLICATION_JSON)
                            .bodyValue(Map.of("text", text))
                            .exchange().returnResult(String.class).getStatus().value())));
        }

        List<HttpStatus> statuses = attempts.stream().map(CompletableFuture::join).sorted().toList();
        assertThat(statuses).containsExactly(HttpStatus.OK, HttpStatus.CONFLICT);
        web.get().uri("/api/v1/tickets/{id}", id).exchange()
                .expectBody().jsonPath("$.remarks.length()").isEqualTo(1);
    }

    private long storedEvents() {
        return serviceDatabase.getCollection("domainevents").countDocuments();
    }
}
