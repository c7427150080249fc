package io.aftersales.ticket.web;

import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import io.aftersales.testing.TestIssuer;
import io.aftersales.ticket.TicketServiceIT;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The ticket service signed in to by an outside OpenID Connect provider: a real issuer over HTTP
 * (discovery and JWKS, {@link TestIssuer}) given as {@code issuer-uri}, with the claim mapping set the
 * way a Keycloak realm needs it (roles in {@code realm_access.roles}, the user in
 * {@code preferred_username}). Its own application context, closed after the class.
 */
@TestPropertySource(properties = {
        "spring.data.mongodb.database=aftersales_tickets_issuer_it",
        "aftersales.security.roles-claim=realm_access.roles",
        "aftersales.security.actor-claim=preferred_username"})
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class OutsideIssuerIT extends TicketServiceIT {

    private static final TestIssuer ISSUER = TestIssuer.start();
    private static final String OTHER_STORE = "jd-outlet";
    private static final String ALICE = "alice@tmall-flagship.example";

    @DynamicPropertySource
    static void trustTheOutsideIssuer(DynamicPropertyRegistry registry) {
        registry.add("spring.security.oauth2.resourceserver.jwt.issuer-uri", ISSUER::issuerUri);
    }

    @AfterAll
    static void stopIssuer() {
        ISSUER.close();
    }

    /** Calls as Alice, an agent of {@link #STORE} at the outside issuer. */
    @BeforeEach
    void authenticateAtTheOutsideIssuer() {
        web = as(ISSUER.sign("at+jwt", keycloakShaped(ALICE, "AGENT", STORE).build()));
    }

    /** An access token as a Keycloak realm issues it: a UUID subject, the user name, realm roles, a stores mapper. */
    private static JWTClaimsSet.Builder keycloakShaped(String username, String role, String store) {
        return ISSUER.accessTokenClaims("f81d4fae-7dec-11d0-a765-" + Math.abs(username.hashCode()))
                .audience(List.of("aftersales", "account"))
                .claim("azp", "aftersales-console")
                .claim("preferred_username", username)
                .claim("realm_access", Map.of("roles", List.of(role, "offline_access", "uma_authorization")))
                .claim("stores", List.of(store))
                .claim("scope", "openid profile email");
    }

    @Test
    void an_rfc_9068_access_token_for_our_audience_is_accepted() {
        as(ISSUER.sign("at+jwt", keycloakShaped(ALICE, "AGENT", STORE).build()))
                .get().uri("/api/v1/tickets").exchange().expectStatus().isOk();
        as(ISSUER.sign("application/at+jwt", keycloakShaped(ALICE, "AGENT", STORE).build()))
                .get().uri("/api/v1/tickets").exchange().expectStatus().isOk();
    }

    @Test
    void a_keycloak_token_with_realm_roles_is_accepted_and_its_roles_are_enforced() {
        WebTestClient keycloakAgent = as(ISSUER.sign("JWT", keycloakShaped(ALICE, "AGENT", STORE).build()));
        keycloakAgent.post().uri("/api/v1/tickets").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(qualityTicket("buyer-kc", newExternalId()))
                .exchange().expectStatus().isCreated();

        WebTestClient keycloakWarehouse = as(ISSUER.sign("JWT", keycloakShaped("wh-2", "WAREHOUSE", STORE).build()));
        keycloakWarehouse.post().uri("/api/v1/tickets").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(qualityTicket("buyer-kc", newExternalId()))
                .exchange().expectStatus().isForbidden();

        // the mapping reads realm_access.roles here: a top-level roles claim grants nothing
        JWTClaimsSet topLevelRoles = ISSUER.accessTokenClaims("u-1").claim("preferred_username", "bob")
                .claim("roles", List.of("AGENT")).claim("stores", List.of(STORE)).build();
        as(ISSUER.sign("JWT", topLevelRoles)).get().uri("/api/v1/tickets").exchange().expectStatus().isForbidden();
    }

    static Stream<Arguments> refusedTokens() {
        Instant now = Instant.now();
        return Stream.of(
                Arguments.of("a token of an unknown type", ISSUER.sign("dpop+jwt", keycloakShaped(ALICE, "AGENT", STORE).build()),
                        "The token type (typ header) is not accepted"),
                Arguments.of("a token for another audience", ISSUER.sign("at+jwt", keycloakShaped(ALICE, "AGENT", STORE)
                        .audience("some-other-api").build()), "The token is not meant for this audience"),
                Arguments.of("an expired token", ISSUER.sign("at+jwt", keycloakShaped(ALICE, "AGENT", STORE)
                        .issueTime(Date.from(now.minusSeconds(7200))).expirationTime(Date.from(now.minusSeconds(3600))).build()),
                        "The token is expired or not yet valid"),
                Arguments.of("a token of another issuer", ISSUER.sign("at+jwt", keycloakShaped(ALICE, "AGENT", STORE)
                        .issuer("https://evil.example.com/realms/aftersales").build()), "The token is not from the trusted issuer"),
                Arguments.of("a token without the user claim", ISSUER.sign("at+jwt", keycloakShaped(ALICE, "AGENT", STORE)
                        .claim("preferred_username", null).build()), "The token does not name its user"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusedTokens")
    void a_bad_token_gets_401_invalid_token_with_its_cause(String caseName, String token, String description) {
        expectInvalidToken(as(token), description);
    }

    @Test
    void after_the_issuer_rotates_its_key_new_tokens_are_accepted_without_restart_and_old_ones_refused() {
        as(ISSUER.sign("at+jwt", keycloakShaped(ALICE, "AGENT", STORE).build()))
                .get().uri("/api/v1/tickets").exchange().expectStatus().isOk();
        int fetchesBefore = ISSUER.jwksFetches();

        RSAKey rotatedOut = ISSUER.rotate();

        as(ISSUER.sign("at+jwt", keycloakShaped(ALICE, "AGENT", STORE).build()))
                .get().uri("/api/v1/tickets").exchange().expectStatus().isOk();
        assertThat(ISSUER.jwksFetches()).as("the JWKS is fetched again for the new kid").isGreaterThan(fetchesBefore);
        expectInvalidToken(as(TestIssuer.sign(rotatedOut, "at+jwt", keycloakShaped(ALICE, "AGENT", STORE).build())),
                "The token signature does not verify with the issuer keys");
    }

    @Test
    void an_agent_of_the_outside_issuer_sees_only_their_store_and_is_recorded_by_user_name() {
        String own = open(qualityTicket("buyer-own", newExternalId()));
        Map<String, Object> foreignBody = qualityTicket("buyer-foreign", newExternalId());
        foreignBody.put("storeId", OTHER_STORE);
        WebTestClient admin = as(ISSUER.sign("at+jwt", keycloakShaped("root@example", "ADMIN", "*").build()));
        String foreign = admin.post().uri("/api/v1/tickets").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(foreignBody).exchange().expectStatus().isCreated()
                .expectBody(Map.class).returnResult().getResponseBody().get("id").toString();

        web.get().uri("/api/v1/tickets/{id}", foreign).exchange().expectStatus().isNotFound();
        web.post().uri("/api/v1/tickets").contentType(MediaType.APPLICATION_JSON).bodyValue(foreignBody)
                .exchange().expectStatus().isForbidden();
        web.post().uri("/api/v1/tickets/{id}/remarks", own).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("text", "Called the buyer")).exchange().expectStatus().isOk();
        web.get().uri("/api/v1/tickets/{id}/history", own).exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$[0].actor").isEqualTo(ALICE)
                .jsonPath("$[?(@.actor == '%s')]".formatted(ALICE)).isNotEmpty();
        admin.get().uri("/api/v1/tickets/{id}/history", foreign).exchange()
                .expectBody().jsonPath("$[0].actor").isEqualTo("root@example");
    }

    private static void expectInvalidToken(WebTestClient client, String description) {
        client.get().uri("/api/v1/tickets").exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().valueEquals(HttpHeaders.WWW_AUTHENTICATE,
                        "Bearer error=\"invalid_token\", error_description=\"" + description + "\"")
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.status").isEqualTo(401)
                .jsonPath("$.detail").value(detail -> assertThat(detail.toString())
                        .startsWith(description).doesNotContain("Exception").doesNotContain("\tat "));
    }
}
