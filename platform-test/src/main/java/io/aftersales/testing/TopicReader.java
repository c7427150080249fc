package io.aftersales.testing;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;

import static org.awaitility.Awaitility.await;

/**
 * A plain Kafka consumer, as an outside team would use one: reads a topic from the beginning under a
 * fresh consumer group and collects the records a test is looking for.
 */
public final class TopicReader implements AutoCloseable {

    private final KafkaConsumer<String, byte[]> consumer;
    private final List<ConsumerRecord<String, byte[]>> seen = new ArrayList<>();

    private TopicReader(String bootstrapServers, String topic) {
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "test-reader-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false"), new StringDeserializer(), new ByteArrayDeserializer());
        consumer.subscribe(List.of(topic));
    }

    public static TopicReader fromBeginning(String topic) {
        return new TopicReader(TestInfrastructure.kafkaBootstrapServers(), topic);
    }

    public static TopicReader fromBeginning(String bootstrapServers, String topic) {
        return new TopicReader(bootstrapServers, topic);
    }

    /** Waits until {@code count} records matching {@code filter} were read, and returns those, in topic order. */
    public List<ConsumerRecord<String, byte[]>> awaitRecords(Predicate<ConsumerRecord<String, byte[]>> filter, int count,
                                                             Duration timeout) {
        await().atMost(timeout).pollInterval(Duration.ofMillis(100))
                .until(() -> poll(filter).size() >= count);
        return matching(filter);
    }

    /**
     * Waits until {@code count} distinct CloudEvents ({@code ce_id}) matching {@code filter} were read and
     * returns every matching record, redeliveries included, in topic order.
     */
    public List<ConsumerRecord<String, byte[]>> awaitDistinctEvents(Predicate<ConsumerRecord<String, byte[]>> filter,
                                                                    int count, Duration timeout) {
        await().atMost(timeout).pollInterval(Duration.ofMillis(100)).until(() -> {
            Set<String> ids = new HashSet<>();
            poll(filter).forEach(r -> ids.add(header(r, "ce_id")));
            return ids.size() >= count;
        });
        return matching(filter);
    }

    /** Reads what arrived since the last read (one short poll) and returns every matching record read so far. */
    public List<ConsumerRecord<String, byte[]>> readNow(Predicate<ConsumerRecord<String, byte[]>> filter) {
        return poll(filter);
    }

    private List<ConsumerRecord<String, byte[]>> poll(Predicate<ConsumerRecord<String, byte[]>> filter) {
        consumer.poll(Duration.ofMillis(200)).forEach(seen::add);
        return matching(filter);
    }

    private List<ConsumerRecord<String, byte[]>> matching(Predicate<ConsumerRecord<String, byte[]>> filter) {
        return seen.stream().filter(filter).toList();
    }

    /** A header's value as text, or null when the record has no such header. */
    public static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(5));
    }
}
