package io.aftersales.feedback.web;

import io.aftersales.contracts.Topics;
import io.aftersales.contracts.quality.v1.ProductDelisted;
import io.aftersales.feedback.FeedbackServiceIT;
import io.aftersales.testing.TestTokens;
import io.aftersales.testing.TopicReader;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import static org.awaitility.Awaitility.await;

/** The REST surface: rules, errors as problem+json, roles, paging. */
class QualityApiIT extends FeedbackServiceIT {

    @Test
    void the_rules_in_force_are_listed_with_the_default_of_five_buyers_in_72_hours() {
        web.get().uri("/api/v1/quality/rules").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$[?(@.name == 'default')].minBuyers").isEqualTo(5)
                .jsonPath("$[?(@.name == 'default')].window").isEqualTo("PT72H");
    }

    @org.springframework.boot.test.web.server.LocalManagementPort
    private int managementPort;

    @Test
    void the_quality_metrics_are_exposed_to_prometheus_under_their_public_names() {
        String scrape = org.springframework.test.web.reactive.server.WebTestClient
                // a scrape can be larger than WebClient's default 256 KB buffer (Kafka client metrics per consumer and partition)
                .bindToServer().baseUrl("http://localhost:" + managementPort)
                .codecs(codecs -> codecs.defaultCodecs().maxInMemorySize(4 * 1024 * 1024)).build()
                .get().uri("/actuator/prometheus").exchange()
                .expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();

        org.assertj.core.api.Assertions.assertThat(scrape)
                .contains("aftersales_defect_reports_total{application=\"feedback-service\",outcome=\"counted\"")
                .contains("aftersales_quality_incidents_total{")
                .contains("aftersales_delistings_active{")
                .contains("aftersales_delisting_latency_seconds_bucket{")
                .contains("aftersales_command_conflict_retries_total{");
    }

    @Test
    void relisting_an_unknown_delisting_is_404_problem() {
        web.post().uri("/api/v1/delistings/{id}/relist", "no-such-incident").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("note", "ok"))
                .exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void relisting_without_a_note_is_400_naming_the_field() {
        web.post().uri("/api/v1/delistings/{id}/relist", "any").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("note", " "))
                .exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("note");
    }

    @Test
    void bad_list_parameters_are_400_with_every_field_listed() {
        web.get().uri("/api/v1/delistings?status=GONE&page=x&size=500").exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.errors.length()").isEqualTo(3);
    }

    @Test
    void an_overflowing_page_of_delistings_or_alerts_is_400_problem_naming_the_page_not_a_500() {
        for (String list : List.of("/api/v1/delistings", "/api/v1/alerts")) {
            web.get().uri(list + "?page=10737419&size=200").exchange()
                    .expectStatus().isBadRequest()
                    .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody().jsonPath("$.errors.length()").isEqualTo(1)
                    .jsonPath("$.errors[0].field").isEqualTo("page");
        }
    }

    @Test
    void an_unknown_product_is_404_problem() {
        web.get().uri("/api/v1/quality/products/{p}", newProduct("NONE")).exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void only_qa_and_admins_relist_an_agent_reads_but_gets_403_and_a_second_relisting_is_409() {
        String product = newProduct("ROLE");
        Instant start = Instant.now();
        for (int buyer = 1; buyer <= 5; buyer++) {
            report("buyer-" + buyer, "tmall-flagship", product, "B7", "STAIN", start.plusSeconds(buyer));
        }
        AtomicReference<String> incident = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                web.get().uri(b -> b.path("/api/v1/delistings").queryParam("product", product).build()).exchange()
                        .expectBody().jsonPath("$.items[0].id").value(id -> incident.set(id.toString())));
        var agent = as(TestTokens.token("agent-7", List.of("AGENT"), List.of("tmall-flagship")));

        agent.get().uri(b -> b.path("/api/v1/alerts").queryParam("product", product).build()).exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.items.length()").isEqualTo(1);
        agent.post().uri("/api/v1/delistings/{id}/relist", incident.get()).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("note", "looks fine to me")).exchange()
                .expectStatus().isForbidden();
        anonymous.get().uri("/api/v1/delistings").exchange().expectStatus().isUnauthorized();

        var admin = as(TestTokens.admin());
        admin.post().uri("/api/v1/delistings/{id}/relist", incident.get()).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("note", "cleared")).exchange()
                .expectStatus().isOk();
        web.post().uri("/api/v1/delistings/{id}/relist", incident.get()).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("note", "cleared again")).exchange()
                .expectStatus().isEqualTo(409)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void lists_are_paged_newest_first() {
        String prefix = newProduct("PAGE");
        Instant start = Instant.now();
        for (int p = 1; p <= 3; p++) {
            for (int buyer = 1; buyer <= 5; buyer++) {
                report("buyer-" + buyer, "tmall-flagship", prefix + "-" + p, "B1", "STAIN", start.plusSeconds(buyer));
            }
        }
        try (TopicReader quality = TopicReader.fromBeginning(Topics.QUALITY)) {
            quality.awaitRecords(r -> r.key().startsWith(prefix) && ProductDelisted.TYPE.equals(TopicReader.header(r, "ce_type")),
                    3, Duration.ofSeconds(30));
        }
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                web.get().uri("/api/v1/delistings?status=ACTIVE&page=0&size=2").exchange()
                        .expectStatus().isOk()
                        .expectBody()
                        .jsonPath("$.items.length()").isEqualTo(2)
                        .jsonPath("$.page.number").isEqualTo(0)
                        .jsonPath("$.page.size").isEqualTo(2)
                        .jsonPath("$.page.totalPages").value(total -> org.assertj.core.api.Assertions
                                .assertThat((Integer) total).isGreaterThanOrEqualTo(2)));
    }
}
