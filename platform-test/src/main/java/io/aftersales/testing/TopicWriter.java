package io.aftersales.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aftersales.contracts.ContractResources;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * Plays another service's part: publishes a CloudEvent (Kafka binary content mode) the way a
 * producing service does, usually its contract sample adjusted to the test's ids. The reading
 * side's {@link TopicReader}.
 */
public final class TopicWriter {

    private static final ObjectMapper JSON = new ObjectMapper();

    private TopicWriter() {
    }

    /** The contract's sample of {@code ceType}, ready to be adjusted. */
    public static ObjectNode sample(String ceType) {
        try {
            return (ObjectNode) JSON.readTree(ContractResources.sample(ceType));
        } catch (java.io.IOException e) {
            throw new IllegalStateException("the sample of " + ceType + " is not JSON", e);
        }
    }

    /** Publishes {@code data} as a new event (a fresh {@code ce_id}) and returns that id. */
    public static String publish(String topic, String key, String ceType, String source, JsonNode data) {
        String eventId = UUID.randomUUID().toString();
        publish(topic, key, ceType, eventId, source, data);
        return eventId;
    }

    /** Publishes {@code data} under a given {@code ce_id}: the same id again is a redelivery. */
    public static void publish(String topic, String key, String ceType, String eventId, String source, JsonNode data) {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.kafkaBootstrapServers()),
                new StringSerializer(), new ByteArraySerializer())) {
            ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, key, JSON.writeValueAsBytes(data));
            header(record, "ce_specversion", "1.0");
            header(record, "ce_id", eventId);
            header(record, "ce_source", source);
            header(record, "ce_type", ceType);
            header(record, "ce_time", Instant.now().toString());
            header(record, "ce_subject", key);
            header(record, "content-type", "application/json");
            producer.send(record).get();
        } catch (Exception e) {
            throw new IllegalStateException("could not publish " + ceType + " on " + topic, e);
        }
    }

    private static void header(ProducerRecord<String, byte[]> record, String name, String value) {
        record.headers().add(new RecordHeader(name, value.getBytes(StandardCharsets.UTF_8)));
    }
}
