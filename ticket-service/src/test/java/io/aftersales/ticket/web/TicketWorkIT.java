package io.aftersales.ticket.web;

import io.aftersales.testing.TestTokens;
import io.aftersales.ticket.TicketServiceIT;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Working a ticket through its actions: each answer is the new view with its ETag; conflicts are 409. */
class TicketWorkIT extends TicketServiceIT {

    private WebTestClient supervisor() {
        return as(TestTokens.token("sup-1", List.of("SUPERVISOR"), List.of(STORE)));
    }

    @Test
    void an_agent_claims_answers_and_asks_for_evidence_and_each_answer_is_the_new_view_with_its_etag() {
        String id = open(ticket("buyer-work"));

        act(id, "claim", null, "\"1\"").expectStatus().isOk()
                .expectHeader().valueEquals("ETag", "\"2\"")
                .expectBody().jsonPath("$.status").isEqualTo("IN_PROGRESS")
                .jsonPath("$.assignee").isEqualTo(AGENT);
        act(id, "replies", Map.of("channel", "WECHAT", "text", "Sorry about the fading, we are on it"), "\"2\"")
                .expectStatus().isOk()
                .expectBody().jsonPath("$.replies[0].channel").isEqualTo("WECHAT")
                .jsonPath("$.replies[0].firstReply").isEqualTo(true)
                .jsonPath("$.firstReplyAt").exists();
        act(id, "evidence-requests", Map.of("what", "a photo of the care label"), null).expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("WAITING_BUYER")
                .jsonPath("$.evidenceRequested.what").isEqualTo("a photo of the care label");
        act(id, "evidence", Map.of("evidence", List.of(Map.of("kind", "PHOTO", "ref", "buyer-work/label.jpg"))), null)
                .expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("IN_PROGRESS")
                .jsonPath("$.evidence[1].ref").isEqualTo("buyer-work/label.jpg")
                .jsonPath("$.verification").isEqualTo("PENDING");
        act(id, "responsibility", Map.of("responsibility", "COURIER", "reason", "box crushed"), null).expectStatus().isOk()
                .expectBody().jsonPath("$.responsibility").isEqualTo("COURIER");
        act(id, "quality-assessment", Map.of("worn", false), null).expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("WAITING_BUYER")
                .jsonPath("$.verification").isEqualTo("PHOTOS_REQUESTED");
        act(id, "evidence", Map.of("evidence", List.of(Map.of("kind", "PHOTO", "ref", "buyer-work/fading.jpg"))), null)
                .expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("IN_PROGRESS")
                .jsonPath("$.verification").isEqualTo("PHOTOS_RECEIVED");
        act(id, "quality-verification", Map.of("note", "fading visible on the label photo"), null).expectStatus().isOk()
                .expectBody().jsonPath("$.verification").isEqualTo("VERIFIED");

        web.get().uri("/api/v1/tickets/{id}/history", id).exchange().expectStatus().isOk()
                .expectBody()
                .jsonPath("$[2].event").isEqualTo("TicketAssigned")
                .jsonPath("$[*].actor").value(actors -> assertThat((List<String>) actors).containsOnly(AGENT));
    }

    @Test
    void a_stale_if_match_is_409_and_changes_nothing() {
        String id = open(ticket("buyer-stale"));
        act(id, "claim", null, "\"1\"").expectStatus().isOk();

        act(id, "replies", Map.of("channel", "PHONE", "text", "Called the buyer"), "\"1\"")
                .expectStatus().isEqualTo(409)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
        act(id, "replies", Map.of("channel", "PHONE", "text", "Called the buyer"), "\"7\"")
                .expectStatus().isEqualTo(409); // an ETag the ticket never had is as stale

        web.get().uri("/api/v1/tickets/{id}", id).exchange().expectHeader().valueEquals("ETag", "\"2\"");
    }

    @Test
    void an_action_the_state_does_not_allow_is_409_naming_the_state_and_the_action() {
        String id = open(ticket("buyer-state"));
        act(id, "claim", null, null).expectStatus().isOk();

        act(id, "claim", null, null).expectStatus().isEqualTo(409)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.state").isEqualTo("IN_PROGRESS")
                .jsonPath("$.action").isEqualTo("claimed")
                .jsonPath("$.detail").value(detail -> assertThat(detail.toString()).contains("IN_PROGRESS"));
        act(id, "close", null, null).expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.state").isEqualTo("IN_PROGRESS");
        web.get().uri("/api/v1/tickets/{id}", id).exchange().expectHeader().valueEquals("ETag", "\"2\"");
    }

    @Test
    void a_usage_question_is_answered_closed_and_scored_and_a_supervisor_may_assign_it() {
        Map<String, Object> body = ticket("buyer-usage");
        body.put("category", "USAGE_QUESTION");
        body.remove("defectType");
        String id = open(body);

        supervisor().post().uri("/api/v1/tickets/{id}/assignment", id).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("assignee", AGENT)).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.assignee").isEqualTo(AGENT).jsonPath("$.status").isEqualTo("IN_PROGRESS");
        act(id, "replies", Map.of("channel", "PLATFORM_CHAT", "text", "Wash it inside out at 30 degrees"), null)
                .expectStatus().isOk();
        act(id, "close", null, null).expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("CLOSED").jsonPath("$.closedAt").exists();
        act(id, "satisfaction", Map.of("score", 4, "comment", "helpful"), null).expectStatus().isOk()
                .expectBody().jsonPath("$.satisfaction.score").isEqualTo(4);
        act(id, "satisfaction", Map.of("score", 9), null).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("score");
    }

    @Test
    void a_duplicate_is_cancelled_naming_the_ticket_it_duplicates() {
        String first = open(ticket("buyer-dup"));
        String second = open(ticket("buyer-dup"));

        act(second, "cancellation", Map.of("reason", "DUPLICATE"), null).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("duplicateOf");
        act(second, "cancellation", Map.of("reason", "DUPLICATE", "duplicateOf", first), null).expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("CANCELLED")
                .jsonPath("$.cancellation.duplicateOf").isEqualTo(first);
    }

    @Test
    void the_list_filters_by_status_assignee_category_flagged_and_waiting_on_me() {
        String mine = open(ticket("buyer-list-1"));
        act(mine, "claim", null, null).expectStatus().isOk();
        web.post().uri("/api/v1/tickets/{id}/remarks", mine).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("text", "VIP: call before noon", "flagged", true)).exchange().expectStatus().isOk();
        String pool = open(ticket("buyer-list-2"));

        Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(ids("/api/v1/tickets?assignee=" + AGENT + "&flagged=true&size=200")).contains(mine));
        assertThat(ids("/api/v1/tickets?waitingOnMe=true&size=200")).contains(mine).doesNotContain(pool);
        assertThat(ids("/api/v1/tickets?status=NEW&status=IN_PROGRESS&category=QUALITY&size=200")).contains(mine, pool);
        assertThat(ids("/api/v1/tickets?status=IN_PROGRESS&size=200")).contains(mine).doesNotContain(pool);
        assertThat(ids("/api/v1/tickets?flagged=false&size=200")).contains(pool).doesNotContain(mine);
        web.get().uri("/api/v1/tickets?status=OPEN&category=SHOES").exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[*].field").value(fields ->
                        assertThat((List<String>) fields).containsExactlyInAnyOrder("status", "category"));
    }

    /** A quality ticket signed for yesterday, on a batch of its own (no other test delists it). */
    private static Map<String, Object> ticket(String buyerId) {
        Map<String, Object> body = qualityTicket(buyerId, newExternalId());
        body.put("batch", "B-WORK-" + java.util.UUID.randomUUID());
        body.put("signedAt", java.time.Instant.now().minus(Duration.ofDays(1)).toString());
        return body;
    }

    private List<String> ids(String uri) {
        Map<String, Object> page = web.get().uri(uri).exchange().expectStatus().isOk()
                .expectBody(Map.class).returnResult().getResponseBody();
        return ((List<Map<String, Object>>) page.get("items")).stream().map(item -> item.get("id").toString()).toList();
    }

    private WebTestClient.ResponseSpec act(String id, String action, Map<String, Object> body, String ifMatch) {
        WebTestClient.RequestBodySpec request = web.post().uri("/api/v1/tickets/{id}/" + action, id);
        if (ifMatch != null) {
            request = request.header("If-Match", ifMatch);
        }
        return (body == null ? request : request.contentType(MediaType.APPLICATION_JSON).bodyValue(body)).exchange();
    }
}
