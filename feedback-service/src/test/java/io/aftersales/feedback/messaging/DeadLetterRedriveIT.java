package io.aftersales.feedback.messaging;

import io.aftersales.contracts.Topics;
import io.aftersales.feedback.FeedbackServiceIT;
import io.aftersales.testing.TestTokens;
import io.aftersales.testing.TopicReader;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The service's dead-letter topics for operators: their depth, and the re-drive to the original topic. */
class DeadLetterRedriveIT extends FeedbackServiceIT {

    private static final String DLT = Topics.TICKETS + Topics.DEAD_LETTER_SUFFIX;

    @Test
    void an_admin_sees_the_dead_letters_waiting_and_re_drives_them_to_their_topic_with_their_headers() {
        WebTestClient admin = as(TestTokens.admin());
        String key = "redrive-" + UUID.randomUUID();
        ProducerRecord<String, byte[]> poison = new ProducerRecord<>(Topics.TICKETS, key, "{}".getBytes(StandardCharsets.UTF_8));
        poison.headers().add("ce_id", key.getBytes(StandardCharsets.UTF_8));
        kafka.send(poison).join();
        try (TopicReader dlt = TopicReader.fromBeginning(DLT)) {
            dlt.awaitRecords(r -> key.equals(r.key()), 1, Duration.ofSeconds(30));
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> admin.get().uri("/api/v1/admin/dead-letters").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$[?(@.topic == '" + DLT + "')].pending").value(pending ->
                        assertThat(((Number) ((java.util.List<?>) pending).get(0)).longValue()).isPositive()));

        admin.post().uri("/api/v1/admin/dead-letters/{topic}/redrive", DLT).exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.topic").isEqualTo(DLT)
                .jsonPath("$.redriven").value(redriven -> assertThat(((Number) redriven).intValue()).isPositive());

        try (TopicReader tickets = TopicReader.fromBeginning(Topics.TICKETS)) {
            assertThat(tickets.awaitRecords(r -> key.equals(r.key()), 2, Duration.ofSeconds(30)))
                    .as("the original and the re-driven record, with its ce_id and without dead-letter headers")
                    .allSatisfy(r -> {
                        assertThat(TopicReader.header(r, "ce_id")).isEqualTo(key);
                        assertThat(r.headers().lastHeader("kafka_dlt-original-topic")).isNull();
                    });
        }
    }

    @Test
    void only_an_admin_may_see_or_re_drive_dead_letters() {
        web.get().uri("/api/v1/admin/dead-letters").exchange()
                .expectStatus().isForbidden()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
        web.post().uri("/api/v1/admin/dead-letters/{topic}/redrive", DLT).exchange().expectStatus().isForbidden();
        as(TestTokens.admin()).post().uri("/api/v1/admin/dead-letters/{topic}/redrive", "aftersales.quality.v1.dlt")
                .exchange().expectStatus().isNotFound();
    }

    @Test
    void the_openapi_document_states_the_dead_letter_endpoints_roles_and_error_answers() {
        web.get().uri("/v3/api-docs").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.paths['/api/v1/admin/dead-letters'].get['x-roles'][0]").isEqualTo("ADMIN")
                .jsonPath("$.paths['/api/v1/admin/dead-letters/{topic}/redrive'].post['x-roles'][0]").isEqualTo("ADMIN")
                .jsonPath("$.paths['/api/v1/admin/dead-letters/{topic}/redrive'].post.responses['404'].content"
                        + "['application/problem+json']").exists();
    }
}
