package io.aftersales.ticket.web;

import io.aftersales.ticket.TicketServiceIT;
import io.aftersales.ticket.api.FindTicket;
import org.axonframework.common.Registration;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.queryhandling.QueryBus;
import org.axonframework.queryhandling.QueryMessage;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;

import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A ticket that was saved is never answered as an error, and an agent's retry
 * with the same {@code Idempotency-Key} (no platform {@code externalId}) returns the same ticket.
 */
class IdempotentIntakeIT extends TicketServiceIT {

    @Autowired
    private QueryBus queryBus;

    @Test
    void a_failure_after_the_commit_still_answers_201_with_the_ticket() {
        Map<String, Object> body = qualityTicket("buyer-" + UUID.randomUUID(), null);
        // every read of a ticket fails while the request runs: whatever runs after the commit
        MessageHandlerInterceptor<QueryMessage<?, ?>> failing = (unitOfWork, chain) -> {
            if (unitOfWork.getMessage().getPayload() instanceof FindTicket) {
                throw new IllegalStateException("injected: the event store is unreachable after the commit");
            }
            return chain.proceed();
        };
        Registration injected = queryBus.registerHandlerInterceptor(failing);
        EntityExchangeResult<Map> created;
        try {
            created = web.post().uri("/api/v1/tickets").contentType(MediaType.APPLICATION_JSON).bodyValue(body)
                    .exchange()
                    .expectStatus().isCreated()
                    .expectBody(Map.class).returnResult();
        } finally {
            injected.cancel();
        }

        String id = created.getResponseBody().get("id").toString();
        assertThat(created.getResponseHeaders().getLocation()).hasToString("/api/v1/tickets/" + id);
        assertThat(created.getResponseBody()).containsEntry("buyerId", body.get("buyerId"))
                .containsEntry("defectReported", true);
        web.get().uri("/api/v1/tickets/{id}", id).exchange().expectStatus().isOk()
                .expectHeader().valueEquals("ETag", "\"1\"")
                .expectBody().jsonPath("$.defectReported").isEqualTo(true);
    }

    @Test
    void the_same_idempotency_key_twice_opens_one_ticket_and_answers_the_retry_with_it() {
        Map<String, Object> body = qualityTicket("buyer-" + UUID.randomUUID(), null);
        String key = UUID.randomUUID().toString();

        String first = web.post().uri("/api/v1/tickets").header("Idempotency-Key", key)
                .contentType(MediaType.APPLICATION_JSON).bodyValue(body)
                .exchange()
                .expectStatus().isCreated()
                .expectBody(Map.class).returnResult().getResponseBody().get("id").toString();

        web.post().uri("/api/v1/tickets").header("Idempotency-Key", key)
                .contentType(MediaType.APPLICATION_JSON).bodyValue(body)
                .exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.id").isEqualTo(first);

        // one ticket, one defect report
        web.get().uri("/api/v1/tickets/{id}/history", first).exchange()
                .expectBody().jsonPath("$.length()").isEqualTo(2);
    }

    @Test
    void another_body_with_a_used_idempotency_key_is_refused_with_422() {
        Map<String, Object> body = qualityTicket("buyer-" + UUID.randomUUID(), null);
        String key = UUID.randomUUID().toString();
        web.post().uri("/api/v1/tickets").header("Idempotency-Key", key)
                .contentType(MediaType.APPLICATION_JSON).bodyValue(body)
                .exchange().expectStatus().isCreated();
        body.put("quantity", 2);

        web.post().uri("/api/v1/tickets").header("Idempotency-Key", key)
                .contentType(MediaType.APPLICATION_JSON).bodyValue(body)
                .exchange()
                .expectStatus().isEqualTo(422)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.title").exists();
    }

    @Test
    void the_same_key_used_by_another_store_is_another_ticket() {
        String key = UUID.randomUUID().toString();
        Map<String, Object> body = qualityTicket("buyer-" + UUID.randomUUID(), null);
        String first = web.post().uri("/api/v1/tickets").header("Idempotency-Key", key)
                .contentType(MediaType.APPLICATION_JSON).bodyValue(body)
                .exchange().expectStatus().isCreated()
                .expectBody(Map.class).returnResult().getResponseBody().get("id").toString();
        body.put("storeId", "jd-outdoor");

        String other = as(io.aftersales.testing.TestTokens.token("agent-9", java.util.List.of("AGENT"),
                java.util.List.of("jd-outdoor"))).post().uri("/api/v1/tickets").header("Idempotency-Key", key)
                .contentType(MediaType.APPLICATION_JSON).bodyValue(body)
                .exchange().expectStatus().isCreated()
                .expectBody(Map.class).returnResult().getResponseBody().get("id").toString();

        assertThat(other).isNotEqualTo(first);
    }

    @Test
    void the_openapi_document_describes_the_idempotency_key_and_its_422() {
        anonymous.get().uri("/v3/api-docs").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.paths['/api/v1/tickets'].post.parameters[?(@.name == 'Idempotency-Key')].in")
                .isEqualTo("header")
                .jsonPath("$.paths['/api/v1/tickets'].post.responses['422'].description").exists()
                .jsonPath("$.paths['/api/v1/tickets'].post.responses['201'].description").exists();
    }
}
