package io.aftersales.platform.messaging;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import io.aftersales.testing.InfrastructureIntegrationTest;
import io.aftersales.testing.TopicReader;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static io.aftersales.testing.TopicReader.header;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The relay from the event store (the outbox) to Kafka, with a tiny translator: what it does with an
 * event it can never publish, and with events appended while it was not running.
 */
@SpringBootTest(classes = KafkaEventRelayIT.RelayApplication.class, properties = {
        "spring.main.web-application-type=none",
        "spring.application.name=relay-it",
        "spring.data.mongodb.database=aftersales_relay_it",
        "aftersales.messaging.topic=" + KafkaEventRelayIT.TOPIC,
        "aftersales.messaging.source=/test/relay-it",
        // a small limit so that a "too large" record stays small; the broker's own limit works the same way
        "spring.kafka.producer.properties.max.request.size=" + KafkaEventRelayIT.MAX_REQUEST_SIZE})
class KafkaEventRelayIT extends InfrastructureIntegrationTest {

    static final String TOPIC = "platform.relay-it.v1";
    static final int MAX_REQUEST_SIZE = 20_000;
    static final String TYPE = "test.noted.v1";

    @Autowired
    private EventStore eventStore;

    @Autowired
    private EventProcessingConfiguration eventProcessing;

    @Autowired
    private MongoDatabase database;

    @Autowired
    private MeterRegistry meterRegistry;

    @Test
    void a_record_over_the_size_limit_is_parked_as_a_publish_dead_letter_and_the_events_around_it_are_published_in_order() {
        String aggregate = UUID.randomUUID().toString();
        String before = append(aggregate, 0, new Noted(aggregate, "before", "x"));
        String tooLarge = append(aggregate, 1, new Noted(aggregate, "too-large", "x".repeat(MAX_REQUEST_SIZE * 2)));
        String after = append(aggregate, 2, new Noted(aggregate, "after", "x"));

        try (TopicReader reader = TopicReader.fromBeginning(TOPIC)) {
            reader.awaitRecords(r -> after.equals(header(r, "ce_id")), 1, Duration.ofSeconds(60));
            List<ConsumerRecord<String, byte[]>> ours = reader.awaitRecords(r -> aggregate.equals(r.key()), 2,
                    Duration.ofSeconds(5));
            assertThat(ours).extracting(r -> header(r, "ce_id")).containsExactly(before, after);
        }
        Document parked = database.getCollection("publish_dead_letters").find(Filters.eq("_id", tooLarge)).first();
        assertThat(parked).as("publish dead letter of the too large event").isNotNull();
        assertThat(parked.getString("type")).isEqualTo(TYPE);
        assertThat(parked.getString("aggregateIdentifier")).isEqualTo(aggregate);
        assertThat(parked.getLong("sequenceNumber")).isEqualTo(1L);
        assertThat(parked.getString("reason")).contains("RecordTooLargeException");
        assertThat(meterRegistry.get("aftersales_publish_dead_letters").gauge().value()).isGreaterThanOrEqualTo(1);
    }

    @Test
    void an_event_that_cannot_be_serialized_is_parked_and_the_next_one_is_published() {
        String aggregate = UUID.randomUUID().toString();
        String unserializable = append(aggregate, 0, new Noted(aggregate, "unserializable", "x"));
        String next = append(aggregate, 1, new Noted(aggregate, "next", "x"));

        try (TopicReader reader = TopicReader.fromBeginning(TOPIC)) {
            reader.awaitRecords(r -> next.equals(header(r, "ce_id")), 1, Duration.ofSeconds(60));
            assertThat(reader.awaitRecords(r -> aggregate.equals(r.key()), 1, Duration.ofSeconds(5)))
                    .extracting(r -> header(r, "ce_id")).containsExactly(next);
        }
        Document parked = database.getCollection("publish_dead_letters").find(Filters.eq("_id", unserializable)).first();
        assertThat(parked).isNotNull();
        assertThat(parked.getString("reason")).contains("serializ");
    }

    @Test
    void an_event_appended_while_the_relay_was_down_is_published_once_with_its_stored_id_after_the_restart() {
        TrackingEventProcessor relay = eventProcessing
                .eventProcessor(KafkaEventRelay.PROCESSING_GROUP, TrackingEventProcessor.class).orElseThrow();
        String aggregate = UUID.randomUUID().toString();
        awaitWorking(relay);
        relay.shutDown();
        String appendedWhileDown;
        try {
            // the service died after the append committed and before the relay sent it
            appendedWhileDown = append(aggregate, 0, new Noted(aggregate, "while-down", "x"));
        } finally {
            relay.start();
        }
        awaitWorking(relay);
        String marker = append(aggregate, 1, new Noted(aggregate, "marker", "x"));

        try (TopicReader reader = TopicReader.fromBeginning(TOPIC)) {
            reader.awaitRecords(r -> marker.equals(header(r, "ce_id")), 1, Duration.ofSeconds(60));
            assertThat(reader.awaitRecords(r -> aggregate.equals(r.key()), 2, Duration.ofSeconds(5)))
                    .extracting(r -> header(r, "ce_id")).containsExactly(appendedWhileDown, marker);
        }
    }

    private static void awaitWorking(TrackingEventProcessor relay) {
        await().atMost(Duration.ofSeconds(30)).until(() -> relay.isRunning() && !relay.processingStatus().isEmpty());
    }

    private String append(String aggregate, long sequence, Noted payload) {
        GenericDomainEventMessage<Noted> event = new GenericDomainEventMessage<>("Note", aggregate, sequence, payload);
        eventStore.publish(event);
        return event.getIdentifier();
    }

    record Noted(String aggregate, String label, String text) {
    }

    record Unserializable(Object self) {
        public Object getBroken() {
            throw new IllegalStateException("cannot be written");
        }
    }

    @SpringBootApplication
    static class RelayApplication {

        @Bean
        NewTopic relayTopic() {
            return new NewTopic(TOPIC, 1, (short) 1);
        }

        @Bean
        OutgoingEventTranslator translator() {
            return domainEvent -> {
                if (!(domainEvent instanceof Noted noted)) {
                    return Optional.empty();
                }
                Object data = "unserializable".equals(noted.label()) ? new Unserializable(null) : noted;
                return Optional.of(new OutgoingEvent(TYPE, noted.aggregate(), data));
            };
        }
    }
}
