package io.aftersales.platform.messaging;

import io.aftersales.testing.InfrastructureIntegrationTest;
import io.aftersales.testing.TestInfrastructure;
import io.aftersales.testing.TopicReader;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.annotation.KafkaListener;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import static io.aftersales.testing.TopicReader.header;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@SpringBootTest(classes = InboxIT.ConsumerApplication.class, properties = {
        "spring.main.web-application-type=none",
        "spring.application.name=inbox-it",
        "spring.data.mongodb.database=aftersales_inbox_it",
        "aftersales.messaging.topic=" + InboxIT.OWN_TOPIC,
        "aftersales.messaging.subscriptions=" + InboxIT.TOPIC,
        "aftersales.messaging.retry-backoff=50ms"})
class InboxIT extends InfrastructureIntegrationTest {

    static final String TOPIC = "platform.inbox-it.v1";
    static final String OWN_TOPIC = "platform.inbox-it-own.v1";

    private static KafkaProducer<String, byte[]> producer;

    @Autowired
    private List<String> handled;

    @BeforeAll
    static void producer() {
        producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.kafkaBootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new ByteArraySerializer());
    }

    @AfterAll
    static void closeProducer() {
        producer.close();
    }

    @Test
    void the_same_cloud_event_delivered_twice_is_acted_on_once() {
        String id = UUID.randomUUID().toString();
        send(cloudEvent(id, "test.thing-happened.v1", "{\"thing\":\"once\"}"));
        send(cloudEvent(id, "test.thing-happened.v1", "{\"thing\":\"once\"}"));
        String marker = UUID.randomUUID().toString();
        send(cloudEvent(marker, "test.thing-happened.v1", "{\"thing\":\"after\"}"));

        await().atMost(Duration.ofSeconds(30)).until(() -> handled.contains(marker));
        assertThat(handled.stream().filter(id::equals)).hasSize(1);
    }

    @Test
    void malformed_message_goes_to_the_dead_letter_topic_and_the_next_one_is_still_processed() {
        String poisonKey = "poison-" + UUID.randomUUID();
        send(new ProducerRecord<>(TOPIC, poisonKey, "not a cloud event".getBytes(StandardCharsets.UTF_8)));
        String badDataId = UUID.randomUUID().toString();
        send(cloudEvent(badDataId, "test.thing-happened.v1", "{ this is not json"));
        String good = UUID.randomUUID().toString();
        send(cloudEvent(good, "test.thing-happened.v1", "{\"thing\":\"fine\"}"));

        await().atMost(Duration.ofSeconds(30)).until(() -> handled.contains(good));
        try (TopicReader deadLetters = TopicReader.fromBeginning(TOPIC + ".dlt")) {
            List<ConsumerRecord<String, byte[]>> parked = deadLetters.awaitRecords(
                    r -> poisonKey.equals(r.key()) || badDataId.equals(header(r, "ce_id")), 2, Duration.ofSeconds(30));
            assertThat(parked).hasSize(2);
        }
        assertThat(handled).doesNotContain(badDataId);
    }

    @Test
    void a_message_that_keeps_failing_is_parked_after_bounded_retries_without_stopping_the_partition() {
        String failing = UUID.randomUUID().toString();
        send(cloudEvent(failing, "test.always-fails.v1", "{}"));
        String next = UUID.randomUUID().toString();
        send(cloudEvent(next, "test.thing-happened.v1", "{\"thing\":\"next\"}"));

        await().atMost(Duration.ofSeconds(30)).until(() -> handled.contains(next));
        try (TopicReader deadLetters = TopicReader.fromBeginning(TOPIC + ".dlt")) {
            assertThat(deadLetters.awaitRecords(r -> failing.equals(header(r, "ce_id")), 1, Duration.ofSeconds(30)))
                    .hasSize(1);
        }
    }

    @Test
    void unknown_event_types_and_unknown_fields_are_tolerated() {
        String unknownType = UUID.randomUUID().toString();
        send(cloudEvent(unknownType, "test.something-new.v7", "{\"whatever\":1}"));
        String extraField = UUID.randomUUID().toString();
        send(cloudEvent(extraField, "test.thing-happened.v1", "{\"thing\":\"x\",\"addedLater\":true}"));

        await().atMost(Duration.ofSeconds(30)).until(() -> handled.contains(extraField));
        assertThat(handled).doesNotContain(unknownType);
    }

    private static void send(ProducerRecord<String, byte[]> record) {
        try {
            producer.send(record).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static ProducerRecord<String, byte[]> cloudEvent(String id, String type, String json) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(TOPIC, id, json.getBytes(StandardCharsets.UTF_8));
        record.headers().add(new RecordHeader("ce_specversion", "1.0".getBytes(StandardCharsets.UTF_8)));
        record.headers().add(new RecordHeader("ce_id", id.getBytes(StandardCharsets.UTF_8)));
        record.headers().add(new RecordHeader("ce_source", "/test".getBytes(StandardCharsets.UTF_8)));
        record.headers().add(new RecordHeader("ce_type", type.getBytes(StandardCharsets.UTF_8)));
        record.headers().add(new RecordHeader("content-type", "application/json".getBytes(StandardCharsets.UTF_8)));
        return record;
    }

    record ThingHappened(String thing) {
    }

    @SpringBootApplication
    static class ConsumerApplication {

        @Bean
        NewTopic subscribedTopic() {
            return new NewTopic(TOPIC, 3, (short) 1);
        }

        @Bean
        List<String> handled() {
            return new CopyOnWriteArrayList<>();
        }

        @Bean
        ThingListener thingListener(Inbox inbox, List<String> handled) {
            return new ThingListener(inbox, handled);
        }
    }

    static class ThingListener {

        private final Inbox inbox;
        private final List<String> handled;

        ThingListener(Inbox inbox, List<String> handled) {
            this.inbox = inbox;
            this.handled = handled;
        }

        @KafkaListener(topics = TOPIC)
        void on(ConsumerRecord<String, byte[]> record) {
            inbox.receive("thing-listener", record, event -> {
                switch (event.type()) {
                    case "test.thing-happened.v1" -> {
                        event.dataAs(ThingHappened.class);
                        handled.add(event.id());
                    }
                    case "test.always-fails.v1" -> throw new IllegalStateException("downstream refuses it");
                    default -> { }
                }
            });
        }
    }
}
