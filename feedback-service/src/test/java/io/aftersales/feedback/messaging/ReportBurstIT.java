package io.aftersales.feedback.messaging;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import io.aftersales.feedback.FeedbackServiceIT;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A sale-day burst: 1,000 reports spread over 200 products arrive at once, shuffled, keyed by
 * ticket id over every partition. Every report is counted and only the products that crossed the
 * rule are delisted.
 */
class ReportBurstIT extends FeedbackServiceIT {

    private static final int PRODUCTS = 200;
    private static final int REPORTS_PER_PRODUCT = 5;

    @Autowired
    private MongoDatabase serviceDatabase;

    @Test
    void a_thousand_reports_over_two_hundred_products_are_all_counted_and_only_the_bad_batches_are_delisted() {
        String run = newProduct("BURST");
        Instant start = Instant.now().minusSeconds(3600);
        List<byte[]> payloads = new ArrayList<>();
        List<String> tickets = new ArrayList<>();
        Set<String> bad = new HashSet<>();
        for (int p = 0; p < PRODUCTS; p++) {
            String product = run + "-" + p;
            // a quarter each: five buyers on one batch (delisted); one buyer five times; five buyers on two
            // batches; five buyers who could not tell the batch
            int shape = p % 4;
            if (shape == 0) {
                bad.add(product);
            }
            for (int r = 0; r < REPORTS_PER_PRODUCT; r++) {
                String ticket = UUID.randomUUID().toString();
                String buyer = shape == 1 ? "buyer-" + p : "buyer-" + p + "-" + r;
                String batch = switch (shape) {
                    case 2 -> r < 3 ? "B1" : "B2";
                    case 3 -> null;
                    default -> "B1";
                };
                tickets.add(ticket);
                payloads.add(defectReport(ticket, buyer, r % 2 == 0 ? "tmall-flagship" : "jd-outdoor", product, batch,
                        r == 4 ? "LOOSE_THREADS" : "COLOUR_FADING", start.plusSeconds(r * 60L)));
            }
        }
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < payloads.size(); i++) {
            order.add(i);
        }
        Collections.shuffle(order, new Random(42));

        long started = System.nanoTime();
        List<CompletableFuture<?>> sends = new ArrayList<>();
        for (int i : order) {
            sends.add(publish(UUID.randomUUID().toString(), tickets.get(i), payloads.get(i)));
        }
        CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new)).join();

        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250)).until(() ->
                serviceDatabase.getCollection("defect_reports").countDocuments(Filters.regex("product", "^" + run))
                        == (long) PRODUCTS * REPORTS_PER_PRODUCT
                        && serviceDatabase.getCollection("delistings").countDocuments(Filters.regex("product", "^" + run))
                        == bad.size());
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf("BURST: %d reports over %d products counted and %d delisted in %.1f s (%.0f reports/s)%n",
                PRODUCTS * REPORTS_PER_PRODUCT, PRODUCTS, bad.size(), seconds, PRODUCTS * REPORTS_PER_PRODUCT / seconds);

        Set<String> delisted = new HashSet<>();
        serviceDatabase.getCollection("delistings").find(Filters.regex("product", "^" + run))
                .forEach(doc -> delisted.add(doc.getString("product")));
        assertThat(delisted).isEqualTo(bad);
        assertThat(serviceDatabase.getCollection("alerts").countDocuments(Filters.regex("product", "^" + run)))
                .isEqualTo(bad.size());
    }
}
