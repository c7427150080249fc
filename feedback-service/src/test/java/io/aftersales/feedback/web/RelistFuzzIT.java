package io.aftersales.feedback.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.aftersales.feedback.FeedbackServiceIT;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A few hundred random and mutated bodies against the relist endpoint, on a real open incident:
 * never a 500, at most one relisting succeeds (a scalar note such as 0 is read as text), and the
 * incident's state agrees with the answers.
 */
class RelistFuzzIT extends FeedbackServiceIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<Object> ODD_VALUES = List.of("", " ", "\u0000", "💥", "x".repeat(5000), -1, 0,
            Long.MAX_VALUE, true, List.of(), List.of(1, 2), Map.of(), Map.of("note", "nested"), "null");

    @Test
    void random_and_mutated_relist_bodies_never_cause_a_500_and_relist_at_most_once() throws Exception {
        String product = newProduct("FUZZ");
        Instant start = Instant.now();
        for (int buyer = 1; buyer <= 5; buyer++) {
            report("buyer-" + buyer, "tmall-flagship", product, "B1", "STAIN", start.plusSeconds(buyer));
        }
        AtomicReference<String> incident = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                web.get().uri(b -> b.path("/api/v1/delistings").queryParam("product", product).build()).exchange()
                        .expectBody().jsonPath("$.items[0].id").value(id -> incident.set(id.toString())));

        Random random = new Random(4242);
        int relisted = 0;
        String alphabet = "{}[]\":,0123456789abcdefnulltrue -.\\\u00e9";
        for (int i = 0; i < 250; i++) {
            String body;
            if (i % 3 == 0) {
                StringBuilder text = new StringBuilder();
                for (int c = random.nextInt(120); c > 0; c--) {
                    text.append(alphabet.charAt(random.nextInt(alphabet.length())));
                }
                body = text.toString();
            } else {
                Map<String, Object> mutated = new LinkedHashMap<>();
                mutated.put(random.nextBoolean() ? "note" : "unexpected", ODD_VALUES.get(random.nextInt(ODD_VALUES.size())));
                body = JSON.writeValueAsString(mutated);
            }
            String id = i % 5 == 0 ? "no-such-" + i : incident.get();
            int status = web.post().uri("/api/v1/delistings/{id}/relist", id).contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(body).exchange().returnResult(String.class).getStatus().value();
            assertThat(status).as("request %d: %s", i, body).isLessThan(500);
            if (status == 200) {
                relisted++;
            }
        }

        assertThat(relisted).isLessThanOrEqualTo(1);
        web.get().uri(b -> b.path("/api/v1/delistings").queryParam("product", product).build()).exchange()
                .expectBody().jsonPath("$.items[0].status").isEqualTo(relisted == 1 ? "RELISTED" : "ACTIVE");
    }
}
