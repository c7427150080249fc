package io.aftersales.platform.messaging;

import io.aftersales.testing.InfrastructureIntegrationTest;
import io.aftersales.testing.TestInfrastructure;
import io.aftersales.testing.TopicReader;
import com.mongodb.MongoSocketOpenException;
import com.mongodb.MongoSocketReadException;
import com.mongodb.ServerAddress;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.ConsumerGroupState;
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
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.MessageListener;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import static io.aftersales.testing.TopicReader.header;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@SpringBootTest(classes = InboxIT.ConsumerApplication.class, properties = {
        "spring.main.web-application-type=none",
        "spring.application.name=" + InboxIT.GROUP,
        "spring.data.mongodb.database=aftersales_inbox_it",
        "aftersales.messaging.topic=" + InboxIT.OWN_TOPIC,
        "aftersales.messaging.subscriptions=" + InboxIT.TOPIC + "," + InboxIT.REDRIVE_TOPIC,
        "aftersales.messaging.retry-backoff=50ms"})
class InboxIT extends InfrastructureIntegrationTest {

    static final String TOPIC = "platform.inbox-it.v1";
    static final String GROUP = "inbox-it";
    static final String OWN_TOPIC = "platform.inbox-it-own.v1";
    /** Its own topic, so that its dead-letter depth is not shared with the other tests' poison messages. */
    static final String REDRIVE_TOPIC = "platform.inbox-it-redrive.v1";

    private static KafkaProducer<String, byte[]> producer;

    @Autowired
    private List<String> handled;

    @Autowired
    private ThingListener listener;

    @Autowired
    private DeadLetters deadLetters;

    @Autowired
    private ConcurrentKafkaListenerContainerFactory<String, byte[]> containerFactory;

    @Autowired
    private MeterRegistry meterRegistry;

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
    void a_message_failing_while_the_store_is_unreachable_is_retried_until_it_succeeds_and_never_dead_lettered() {
        String flaky = UUID.randomUUID().toString();
        listener.storeDownFor(flaky, 6);
        send(cloudEvent(flaky, "test.store-flaky.v1", "{\"thing\":\"flaky\"}"));

        await().atMost(Duration.ofSeconds(30)).until(() -> handled.contains(flaky));
        assertThat(handled.stream().filter(flaky::equals)).hasSize(1);
        assertThat(meterRegistry.get("aftersales_consumer_retries").tag("topic", TOPIC).counter().count())
                .isGreaterThanOrEqualTo(6);
        // a poison message on the same key (so the same dead-letter partition) after it: once the
        // poison is parked, anything parked before it would have been read too
        send(new ProducerRecord<>(TOPIC, flaky, "not a cloud event".getBytes(StandardCharsets.UTF_8)));
        try (TopicReader deadLetters = TopicReader.fromBeginning(TOPIC + ".dlt")) {
            List<ConsumerRecord<String, byte[]>> parked = deadLetters.awaitRecords(r -> flaky.equals(r.key()), 1,
                    Duration.ofSeconds(30));
            assertThat(parked).extracting(r -> header(r, "ce_id")).containsOnlyNulls();
        }
    }

    @Test
    void a_redelivery_after_a_crash_between_the_side_effect_and_the_offset_commit_is_acted_on_once() {
        String id = UUID.randomUUID().toString();
        listener.crashAfterHandling(id);
        send(cloudEvent(id, "test.thing-happened.v1", "{\"thing\":\"crash\"}"));

        await().atMost(Duration.ofSeconds(30)).until(() -> listener.deliveries(id) >= 2);
        assertThat(handled.stream().filter(id::equals)).hasSize(1);
    }

    @Test
    void a_dead_letter_is_redriven_to_its_topic_once_the_cause_is_fixed_and_the_depth_gauge_drops_to_zero() {
        String refused = UUID.randomUUID().toString();
        listener.refuse(refused);
        send(cloudEvent(REDRIVE_TOPIC, refused, "test.thing-happened.v1", "{\"thing\":\"refused\"}"));
        String dlt = REDRIVE_TOPIC + ".dlt";
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            deadLetters.refresh();
            assertThat(meterRegistry.get("aftersales_dead_letters").tag("topic", dlt).gauge().value()).isEqualTo(1);
        });
        assertThat(handled).doesNotContain(refused);

        listener.accept(refused);
        assertThat(deadLetters.redrive(dlt)).isEqualTo(1);

        await().atMost(Duration.ofSeconds(30)).until(() -> handled.contains(refused));
        deadLetters.refresh();
        assertThat(meterRegistry.get("aftersales_dead_letters").tag("topic", dlt).gauge().value()).isZero();
        assertThat(deadLetters.redrive(dlt)).as("nothing left to re-drive").isZero();
    }

    @Test
    void a_rebalance_while_a_batch_is_being_processed_hands_each_record_to_exactly_one_consumer_once() throws Exception {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            ids.add(UUID.randomUUID().toString());
        }
        CountDownLatch gate = listener.gate(ids.get(0));
        send(cloudEvent(ids.get(0), "test.thing-happened.v1", "{\"thing\":\"first\"}"));
        await("the first record is being processed").atMost(Duration.ofSeconds(30)).until(() -> listener.deliveries(ids.get(0)) == 1);
        for (String id : ids.subList(1, ids.size())) {
            send(cloudEvent(id, "test.thing-happened.v1", "{\"thing\":\"batch\"}"));
        }
        ConcurrentMessageListenerContainer<String, byte[]> second = containerFactory.createContainer(TOPIC);
        second.getContainerProperties().setMessageListener((MessageListener<String, byte[]>) listener::on);
        second.getContainerProperties().setGroupId(GROUP);
        second.start();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                TestInfrastructure.kafkaBootstrapServers()))) {
            await("a second consumer joins while the first is mid-batch").atMost(Duration.ofSeconds(30)).until(() ->
                    admin.describeConsumerGroups(List.of(GROUP)).all().get().get(GROUP).state()
                            == ConsumerGroupState.PREPARING_REBALANCE);
            gate.countDown();
            await().atMost(Duration.ofSeconds(60)).until(() -> handled.containsAll(ids));
            await("the second consumer owns partitions").atMost(Duration.ofSeconds(30))
                    .until(() -> !second.getAssignedPartitions().isEmpty());
        } finally {
            gate.countDown();
            second.stop();
        }
        for (String id : ids) {
            assertThat(handled.stream().filter(id::equals)).as("handled %s", id).hasSize(1);
            assertThat(listener.deliveries(id)).as("deliveries of %s", id).isEqualTo(1);
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
        return cloudEvent(TOPIC, id, type, json);
    }

    private static ProducerRecord<String, byte[]> cloudEvent(String topic, String id, String type, String json) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, id, json.getBytes(StandardCharsets.UTF_8));
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
        NewTopic redriveTopic() {
            return new NewTopic(REDRIVE_TOPIC, 1, (short) 1);
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
        private final Map<String, AtomicInteger> storeDown = new ConcurrentHashMap<>();
        private final Set<String> crashAfterHandling = ConcurrentHashMap.newKeySet();
        private final Set<String> refused = ConcurrentHashMap.newKeySet();
        private final Map<String, AtomicInteger> deliveries = new ConcurrentHashMap<>();
        private final Map<String, CountDownLatch> gates = new ConcurrentHashMap<>();

        ThingListener(Inbox inbox, List<String> handled) {
            this.inbox = inbox;
            this.handled = handled;
        }

        /** The next {@code attempts} deliveries of this id fail as if MongoDB were unreachable. */
        void storeDownFor(String id, int attempts) {
            storeDown.put(id, new AtomicInteger(attempts));
        }

        /** The first delivery of this id dies after the inbox recorded it, before the offset is committed. */
        void crashAfterHandling(String id) {
            crashAfterHandling.add(id);
        }

        /** Handling this id waits until the returned latch is opened (at most a minute). */
        CountDownLatch gate(String id) {
            CountDownLatch gate = new CountDownLatch(1);
            gates.put(id, gate);
            return gate;
        }

        void refuse(String id) {
            refused.add(id);
        }

        void accept(String id) {
            refused.remove(id);
        }

        int deliveries(String id) {
            AtomicInteger count = deliveries.get(id);
            return count == null ? 0 : count.get();
        }

        @KafkaListener(topics = {TOPIC, REDRIVE_TOPIC})
        void on(ConsumerRecord<String, byte[]> record) {
            String id = TopicReader.header(record, "ce_id");
            if (id != null) {
                deliveries.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
            }
            inbox.receive("thing-listener", record, event -> {
                CountDownLatch gate = gates.remove(event.id());
                if (gate != null) {
                    try {
                        gate.await(1, TimeUnit.MINUTES);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                AtomicInteger down = storeDown.get(event.id());
                if (down != null && down.getAndDecrement() > 0) {
                    throw new MongoSocketOpenException("Exception opening socket", new ServerAddress("localhost", 1));
                }
                if (refused.contains(event.id())) {
                    throw new IllegalStateException("downstream refuses it for now");
                }
                switch (event.type()) {
                    case "test.thing-happened.v1", "test.store-flaky.v1" -> {
                        event.dataAs(ThingHappened.class);
                        handled.add(event.id());
                    }
                    case "test.always-fails.v1" -> throw new IllegalStateException("downstream refuses it");
                    default -> { }
                }
            });
            if (id != null && crashAfterHandling.remove(id)) {
                throw new MongoSocketReadException("the consumer died before committing its offset",
                        new ServerAddress("localhost", 1));
            }
        }
    }
}
