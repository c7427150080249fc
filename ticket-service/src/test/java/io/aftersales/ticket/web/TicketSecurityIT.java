package io.aftersales.ticket.web;

import io.aftersales.testing.TestTokens;
import io.aftersales.ticket.TicketServiceIT;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** Who may do what, in which store, on the ticket API. */
class TicketSecurityIT extends TicketServiceIT {

    private static final String OTHER_STORE = "jd-outlet";

    static Stream<Arguments> refusedTokens() {
        return Stream.of(
                Arguments.of("no token", null, "Bearer"),
                Arguments.of("an expired token", TestTokens.expired(AGENT, List.of("AGENT")),
                        invalidToken("The token is expired or not yet valid")),
                Arguments.of("a token signed by another key", TestTokens.signedByAnotherKey(AGENT, List.of("AGENT")),
                        invalidToken("The token signature does not verify with the issuer keys")),
                Arguments.of("a token for another audience", TestTokens.forAnotherAudience(AGENT, List.of("AGENT")),
                        invalidToken("The token is not meant for this audience")),
                Arguments.of("a token of another type", TestTokens.ofType("JOSE", AGENT, List.of("AGENT"), List.of(STORE)),
                        invalidToken("The token type (typ header) is not accepted")),
                Arguments.of("not a token at all", "not.a.jwt", invalidToken("The token is not a well-formed signed JWT")));
    }

    private static String invalidToken(String description) {
        return "Bearer error=\"invalid_token\", error_description=\"" + description + "\"";
    }

    /** RFC 6750: no token gets a bare challenge, a refused one says invalid_token and why (never how it was built). */
    @ParameterizedTest(name = "{0}")
    @MethodSource("refusedTokens")
    void a_call_without_a_valid_token_gets_401_problem(String caseName, String token, String challenge) {
        WebTestClient client = token == null ? anonymous : as(token);
        client.get().uri("/api/v1/tickets").exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader().valueEquals(HttpHeaders.WWW_AUTHENTICATE, challenge)
                .expectBody().jsonPath("$.status").isEqualTo(401);
        client.post().uri("/api/v1/tickets").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(qualityTicket("buyer-x", newExternalId()))
                .exchange()
                .expectStatus().isUnauthorized();
    }

    @Test
    void an_rfc_9068_access_token_signed_by_the_local_key_is_accepted() {
        as(TestTokens.ofType("at+jwt", AGENT, List.of("AGENT"), List.of(STORE)))
                .get().uri("/api/v1/tickets").exchange().expectStatus().isOk();
    }

    @Test
    void an_agent_opens_and_reads_tickets_of_their_store_and_cannot_see_or_touch_another_stores() {
        String own = open(qualityTicket("buyer-own", newExternalId()));
        Map<String, Object> foreignBody = qualityTicket("buyer-foreign", newExternalId());
        foreignBody.put("storeId", OTHER_STORE);
        String foreign = as(TestTokens.admin()).post().uri("/api/v1/tickets").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(foreignBody).exchange().expectStatus().isCreated()
                .expectBody(Map.class).returnResult().getResponseBody().get("id").toString();

        web.get().uri("/api/v1/tickets/{id}", own).exchange().expectStatus().isOk();
        web.get().uri("/api/v1/tickets/{id}", foreign).exchange()
                .expectStatus().isNotFound()
                .expectBody().jsonPath("$.detail").isEqualTo("No such ticket");
        web.get().uri("/api/v1/tickets/{id}/history", foreign).exchange().expectStatus().isNotFound();
        web.post().uri("/api/v1/tickets/{id}/remarks", foreign).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("text", "peeking")).exchange().expectStatus().isNotFound();
        web.post().uri("/api/v1/tickets").contentType(MediaType.APPLICATION_JSON).bodyValue(foreignBody)
                .exchange().expectStatus().isForbidden();

        awaitListed(own);
        web.get().uri("/api/v1/tickets?size=200").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.items[?(@.id == '%s')]".formatted(own)).exists()
                .jsonPath("$.items[?(@.id == '%s')]".formatted(foreign)).doesNotExist()
                .jsonPath("$.items[?(@.storeId == '%s')]".formatted(OTHER_STORE)).doesNotExist();
        web.get().uri("/api/v1/tickets?storeId={store}", OTHER_STORE).exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.page.totalItems").isEqualTo(0);
    }

    @Test
    void an_overflowing_page_of_the_ticket_list_is_400_problem_naming_the_page_not_a_500() {
        web.get().uri("/api/v1/tickets?page=10737419&size=200").exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.errors.length()").isEqualTo(1)
                .jsonPath("$.errors[0].field").isEqualTo("page");
        web.get().uri("/api/v1/tickets?page=0&size=99999999999").exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("size");
    }

    @Test
    void the_warehouse_may_read_and_remark_but_not_open_tickets() {
        WebTestClient warehouse = as(TestTokens.token("wh-1", List.of("WAREHOUSE"), List.of(STORE)));
        warehouse.post().uri("/api/v1/tickets").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(qualityTicket("buyer-wh", newExternalId()))
                .exchange()
                .expectStatus().isForbidden()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
        String id = open(qualityTicket("buyer-wh", newExternalId()));
        warehouse.post().uri("/api/v1/tickets/{id}/remarks", id).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("text", "Parcel received, stain confirmed at QC")).exchange()
                .expectStatus().isOk();
        warehouse.get().uri("/api/v1/tickets/{id}/history", id).exchange()
                .expectBody().jsonPath("$[2].actor").isEqualTo("wh-1");
    }

    @Test
    void a_body_over_the_size_limit_gets_413_problem() {
        Map<String, Object> body = qualityTicket("buyer-big", newExternalId());
        body.put("description", "x".repeat(1024 * 1024));
        web.post().uri("/api/v1/tickets").contentType(MediaType.APPLICATION_JSON).bodyValue(body)
                .exchange()
                .expectStatus().isEqualTo(413)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void the_api_port_serves_no_actuator_endpoint() {
        anonymous.get().uri("/actuator/env").exchange().expectStatus().isUnauthorized();
        web.get().uri("/actuator/env").exchange().expectStatus().isNotFound();
        web.get().uri("/actuator/health").exchange().expectStatus().isNotFound();
    }

    @Test
    void the_openapi_document_states_each_endpoints_roles() {
        anonymous.get().uri("/v3/api-docs").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.paths['/api/v1/tickets'].post['x-roles']").value(roles ->
                        org.assertj.core.api.Assertions.assertThat(roles.toString())
                                .isEqualTo("[\"AGENT\",\"SUPERVISOR\",\"LOGISTICS\",\"ADMIN\"]"))
                .jsonPath("$.paths['/api/v1/tickets'].post.description").value(description ->
                        org.assertj.core.api.Assertions.assertThat(description.toString())
                                .contains("Roles: AGENT, SUPERVISOR, LOGISTICS, ADMIN."))
                .jsonPath("$.paths['/api/v1/tickets/{id}/remarks'].post['x-roles'].length()").isEqualTo(5)
                .jsonPath("$.components.securitySchemes['bearer-jwt'].scheme").isEqualTo("bearer");
    }

    static List<TicketActions> actions() {
        return TicketActions.all();
    }

    /**
     * Every action: on another store's ticket the answer is the unknown id's 404, for a role the
     * action does not admit 403, and neither changes the ticket.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("actions")
    void every_action_is_404_on_another_stores_ticket_and_403_for_a_role_it_does_not_admit(TicketActions action) {
        Map<String, Object> foreignBody = qualityTicket("buyer-foreign", newExternalId());
        foreignBody.put("storeId", OTHER_STORE);
        WebTestClient admin = as(TestTokens.admin());
        String foreign = admin.post().uri("/api/v1/tickets").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(foreignBody).exchange().expectStatus().isCreated()
                .expectBody(Map.class).returnResult().getResponseBody().get("id").toString();
        String own = open(qualityTicket("buyer-own", newExternalId()));
        String foreignTag = etagOf(admin, foreign);
        String ownTag = etagOf(admin, own);

        // every role the action admits except ADMIN, who works for every store
        WebTestClient storeAWorker = as(TestTokens.token("worker-a",
                action.roles().stream().filter(role -> !role.equals("ADMIN")).toList(), List.of(STORE)));
        post(storeAWorker, foreign, action).exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.detail").isEqualTo("No such ticket");
        WebTestClient refused = as(TestTokens.token("refused-1", List.of(action.refusedRole()), List.of(STORE)));
        post(refused, own, action).exchange()
                .expectStatus().isForbidden()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);

        org.assertj.core.api.Assertions.assertThat(etagOf(admin, foreign)).isEqualTo(foreignTag);
        org.assertj.core.api.Assertions.assertThat(etagOf(admin, own)).isEqualTo(ownTag);
    }

    /** Every action is in the OpenAPI document with a summary, its roles and its problem answers. */
    @Test
    @SuppressWarnings("unchecked")
    void the_openapi_document_lists_every_action_with_its_roles_and_error_answers() {
        Map<String, Object> document = anonymous.get().uri("/v3/api-docs").exchange().expectStatus().isOk()
                .expectBody(Map.class).returnResult().getResponseBody();
        Map<String, Object> paths = (Map<String, Object>) document.get("paths");
        for (TicketActions action : TicketActions.all()) {
            Map<String, Object> path = (Map<String, Object>) paths.get(action.apiPath());
            org.assertj.core.api.Assertions.assertThat(path).as(action.apiPath()).isNotNull();
            Map<String, Object> post = (Map<String, Object>) path.get("post");
            org.assertj.core.api.Assertions.assertThat((String) post.get("summary")).as(action + " summary").isNotBlank();
            org.assertj.core.api.Assertions.assertThat((List<String>) post.get("x-roles")).as(action + " roles")
                    .containsExactlyElementsOf(action.roles());
            Map<String, Object> responses = (Map<String, Object>) post.get("responses");
            List<String> errors = action.path().equals("proposals")
                    ? List.of("400", "403", "404", "409", "422") : List.of("400", "403", "404", "409");
            for (String status : errors) {
                Map<String, Object> response = (Map<String, Object>) responses.get(status);
                org.assertj.core.api.Assertions.assertThat(response).as(action + " answers " + status).isNotNull();
                org.assertj.core.api.Assertions.assertThat((Map<String, Object>) response.get("content"))
                        .as(action + " " + status + " is problem+json").containsKey("application/problem+json");
            }
        }
        Map<String, Object> list = (Map<String, Object>) ((Map<String, Object>) paths.get("/api/v1/tickets")).get("get");
        org.assertj.core.api.Assertions.assertThat((List<Map<String, Object>>) list.get("parameters"))
                .extracting(parameter -> parameter.get("name"))
                .contains("status", "assignee", "category", "flagged", "waitingOnMe");
    }

    static WebTestClient.RequestHeadersSpec<?> post(WebTestClient client, String ticketId, TicketActions action) {
        WebTestClient.RequestBodySpec request = client.post().uri("/api/v1/tickets/{id}/" + action.path(), ticketId);
        return action.body() == null ? request : request.contentType(MediaType.APPLICATION_JSON).bodyValue(action.body());
    }

    static String etagOf(WebTestClient client, String ticketId) {
        return client.get().uri("/api/v1/tickets/{id}", ticketId).exchange().expectStatus().isOk()
                // the body is read to the end: an unread body keeps its connection busy
                .expectBody(String.class).returnResult().getResponseHeaders().getETag();
    }

    private void awaitListed(String ticketId) {
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20)).until(() ->
                web.get().uri("/api/v1/tickets?size=200").exchange().expectBody(String.class)
                        .returnResult().getResponseBody().contains(ticketId));
    }
}
