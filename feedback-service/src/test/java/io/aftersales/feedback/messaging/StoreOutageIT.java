package io.aftersales.feedback.messaging;

import io.aftersales.contracts.Topics;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import io.aftersales.contracts.quality.v1.ProductDelisted;
import io.aftersales.feedback.FeedbackServiceIT;
import io.aftersales.platform.messaging.DeadLetters;
import io.aftersales.testing.TcpProxy;
import io.aftersales.testing.TestInfrastructure;
import io.aftersales.testing.TopicReader;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import com.mongodb.ConnectionString;
import org.junit.jupiter.api.AfterEach;
import org.springframework.boot.autoconfigure.mongo.MongoClientSettingsBuilderCustomizer;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import static io.aftersales.testing.TopicReader.header;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * MongoDB unreachable for {@link #OUTAGE} while defect reports arrive: the consumer holds its
 * partitions and retries until the store is back (nothing dead-lettered, nothing lost), then the
 * product batch is delisted exactly once.
 *
 * <p>Takes about {@link #OUTAGE} plus a minute, because the failure mode is a two-minute outage:
 * longer than any bounded retry (the defect was 3 attempts over a second) and than the client's
 * server selection timeout. MongoDB is taken away through a {@link TcpProxy}, so the server keeps
 * its data and other test classes are not affected. This class has its own application context
 * (its own database, and its own consumer group starting at the end of the topic), closed after
 * the class so that its consumers do not act on later tests' records. Other contexts of the JVM
 * may consume the same reports into their own stores, so the delisting is counted among this
 * context's own events.
 */
@DirtiesContext
class StoreOutageIT extends FeedbackServiceIT {

    static final Duration OUTAGE = Duration.ofMinutes(2);
    static final String GROUP = "feedback-store-outage-it";

    private static TcpProxy mongo;

    /** The base class points spring.data.mongodb.uri at the server itself; this client goes through the proxy. */
    @TestConfiguration(proxyBeanMethods = false)
    static class MongoThroughAProxy {

        @Bean
        MongoClientSettingsBuilderCustomizer mongoThroughAProxy() {
            return settings -> settings.applyConnectionString(new ConnectionString(mongo().mongoUri(5_000)));
        }
    }

    @DynamicPropertySource
    static void ownDatabaseAndGroup(DynamicPropertyRegistry registry) {
        registry.add("spring.data.mongodb.database", () -> "aftersales_feedback_store_outage_it");
        registry.add("spring.kafka.consumer.group-id", () -> GROUP);
        registry.add("spring.kafka.consumer.auto-offset-reset", () -> "latest");
    }

    private static synchronized TcpProxy mongo() {
        if (mongo == null) {
            mongo = TcpProxy.toMongo(TestInfrastructure.mongoUri());
        }
        return mongo;
    }

    @Autowired
    private KafkaListenerEndpointRegistry listeners;

    @Autowired
    private MeterRegistry meterRegistry;

    @Autowired
    private DeadLetters deadLetters;

    @Autowired
    private MongoDatabase database;

    @AfterEach
    void mongoIsBack() {
        mongo().start();
    }

    @Test
    void mongodb_stopped_for_two_minutes_while_five_defect_reports_are_consumed_delists_the_product_once_and_dead_letters_nothing()
            throws Exception {
        await("the consumer holds every partition").atMost(Duration.ofSeconds(60)).until(() ->
                listeners.getListenerContainer(DefectReportListener.CONSUMER).getAssignedPartitions().size() == 3);
        String product = newProduct("OUTAGE");
        String batch = "B2026-12-O";
        Instant outageStarted = Instant.now();
        mongo().stop();

        List<String> tickets = new ArrayList<>();
        for (int buyer = 1; buyer <= 5; buyer++) {
            tickets.add(report("buyer-" + buyer, "tmall-flagship", product, batch, "COLOUR_FADING",
                    Instant.now().minusSeconds(60 - buyer)));
        }
        Set<String> ours = Set.copyOf(tickets);
        Predicate<ConsumerRecord<String, byte[]>> ourRecord = r -> ours.contains(r.key());

        List<TopicReader> deadLetterTopics = deadLetters.topics().stream().map(TopicReader::fromBeginning).toList();
        try {
            await("the consumer fails on the unreachable store and retries").atMost(Duration.ofSeconds(60))
                    .until(() -> transientRetries() > 0);
            Duration rest = OUTAGE.minus(Duration.between(outageStarted, Instant.now()));
            await("nothing is dead-lettered while MongoDB is away").during(rest).atMost(rest.plusSeconds(10))
                    .until(() -> deadLetterTopics.stream().allMatch(dlt -> dlt.readNow(ourRecord).isEmpty()));
            mongo().start();

            await("the batch is delisted once MongoDB is back").atMost(Duration.ofMinutes(3))
                    .untilAsserted(() -> web.get().uri(b -> b.path("/api/v1/delistings").queryParam("product", product).build())
                            .exchange()
                            .expectStatus().isOk()
                            .expectBody()
                            .jsonPath("$.items.length()").isEqualTo(1));
            try (TopicReader quality = TopicReader.fromBeginning(Topics.QUALITY)) {
                // other contexts of this JVM consume the same reports into their own stores: count this one's events
                await("the delisting is published").atMost(Duration.ofMinutes(2)).until(() -> ownEvents(quality.readNow(
                        r -> product.equals(r.key()) && ProductDelisted.TYPE.equals(header(r, "ce_type")))).size() == 1);
            }
            for (TopicReader dlt : deadLetterTopics) {
                assertThat(dlt.readNow(ourRecord)).isEmpty();
            }
        } finally {
            deadLetterTopics.forEach(TopicReader::close);
        }
    }

    private double transientRetries() {
        return meterRegistry.find("aftersales_consumer_retries").tag("topic", Topics.TICKETS).tag("kind", "transient")
                .counters().stream().mapToDouble(Counter::count).sum();
    }

    /** The distinct CloudEvents ids among {@code records} that are events of this application's store. */
    private Set<String> ownEvents(List<ConsumerRecord<String, byte[]>> records) {
        return records.stream().map(r -> header(r, "ce_id")).distinct()
                .filter(id -> database.getCollection("domainevents").countDocuments(Filters.eq("events.eventIdentifier", id)) > 0)
                .collect(Collectors.toSet());
    }
}
