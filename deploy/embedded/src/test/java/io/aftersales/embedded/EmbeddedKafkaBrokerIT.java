package io.aftersales.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedKafkaBrokerIT {

    @TempDir
    Path dataDir;

    private EmbeddedKafkaBroker broker;

    @AfterEach
    void stopBroker() {
        if (broker != null) {
            broker.stop();
        }
    }

    @Test
    void producesConsumesAndKeepsRecordsAndOffsetsAcrossRestart() throws Exception {
        List<Integer> ports = FreePorts.distinct(2);
        int port = ports.get(0);
        int controllerPort = ports.get(1);
        broker = new EmbeddedKafkaBroker(dataDir, port, controllerPort);
        broker.start();
        assertThat(broker.bootstrapServers()).isEqualTo("localhost:" + port);
        assertThat(broker.isRunning()).isTrue();

        String topic = "aftersales.test." + UUID.randomUUID();
        produce(topic, "k1", "first");
        produce(topic, "k2", "second");

        // auto-created with the broker's default of 3 partitions
        try (Admin admin = admin()) {
            assertThat(admin.describeTopics(Set.of(topic)).allTopicNames().get().get(topic).partitions()).hasSize(3);
        }
        try (KafkaConsumer<String, String> consumer = consumer("group-a")) {
            consumer.subscribe(List.of(topic));
            List<String> values = pollValues(consumer, 2);
            assertThat(values).containsExactlyInAnyOrder("first", "second");
            consumer.commitSync();
        }

        broker.stop();
        assertThat(broker.isRunning()).isFalse();
        assertThat(portIsOpen(port)).as("client port released").isFalse();
        assertThat(portIsOpen(controllerPort)).as("controller port released").isFalse();

        broker.start();
        assertThat(broker.bootstrapServers()).isEqualTo("localhost:" + port);
        produce(topic, "k3", "third");

        // the committed offsets of group-a survived: it only gets the new record
        try (KafkaConsumer<String, String> consumer = consumer("group-a")) {
            consumer.subscribe(List.of(topic));
            assertThat(pollValues(consumer, 1)).containsExactly("third");
        }
        // the earlier records survived: a new group reads all three from the beginning
        try (KafkaConsumer<String, String> consumer = consumer("group-b")) {
            consumer.subscribe(List.of(topic));
            assertThat(pollValues(consumer, 3)).containsExactlyInAnyOrder("first", "second", "third");
        }
        try (Admin admin = admin()) {
            Map<TopicPartition, OffsetAndMetadata> offsets =
                    admin.listConsumerGroupOffsets("group-a").partitionsToOffsetAndMetadata().get();
            assertThat(offsets.values().stream().mapToLong(OffsetAndMetadata::offset).sum()).isEqualTo(2);
        }
    }

    private void produce(String topic, String key, String value) throws Exception {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props)) {
            producer.send(new ProducerRecord<>(topic, key, value)).get();
        }
    }

    private KafkaConsumer<String, String> consumer(String group) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        return new KafkaConsumer<>(props);
    }

    private Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()));
    }

    private static List<String> pollValues(KafkaConsumer<String, String> consumer, int expected) {
        List<String> values = new ArrayList<>();
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                values.add(record.value());
            }
            return values.size() >= expected;
        });
        return values;
    }

    private static boolean portIsOpen(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("localhost", port), 500);
            return true;
        } catch (Exception e) {
            return false;
        }
    }
}
