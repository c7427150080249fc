package io.aftersales.platform.messaging;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.kafka.support.SendResult;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * The service's dead-letter topics ({@code <subscription>.dlt}): how many records wait in each
 * (the gauge {@code aftersales_dead_letters{topic}}), and the re-drive that publishes them back
 * to the topic they came from.
 *
 * <p>A re-drive reads a dead-letter topic from where the last re-drive stopped (the committed
 * offsets of the consumer group {@value #REDRIVE_GROUP}, shared by every service (so named
 * {@code aftersales.<purpose>}, not {@code <service>.<purpose>} like the other groups), because the
 * dead-letter topic is shared too) up to its end as it was when the re-drive began, publishes each
 * record unchanged (key, value and CloudEvents headers, so {@code ce_id} is the same and every
 * consumer's inbox drops what it already processed) without the {@code kafka_dlt-*} headers, and
 * commits. The depth is the number of records after that position: what a re-drive would publish.
 */
public class DeadLetters implements InitializingBean, DisposableBean {

    public static final String REDRIVE_GROUP = "aftersales.dead-letter-redrive";

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetters.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final Map<String, Object> clientProperties;
    private final KafkaTemplate<String, byte[]> kafkaTemplate;
    private final List<String> topics;
    private final Duration refreshInterval;
    private final Map<String, AtomicLong> depths = new ConcurrentHashMap<>();
    private ScheduledExecutorService refresher;

    /**
     * @param clientProperties how to reach the cluster (bootstrap servers, security), as for an admin client
     * @param topics           the dead-letter topics of the service's subscriptions
     */
    public DeadLetters(Map<String, Object> clientProperties, KafkaTemplate<String, byte[]> kafkaTemplate,
                       List<String> topics, Duration refreshInterval, MeterRegistry meterRegistry) {
        this.clientProperties = Map.copyOf(clientProperties);
        this.kafkaTemplate = kafkaTemplate;
        this.topics = List.copyOf(topics);
        this.refreshInterval = refreshInterval;
        for (String topic : this.topics) {
            AtomicLong depth = new AtomicLong();
            depths.put(topic, depth);
            Gauge.builder("aftersales_dead_letters", depth, AtomicLong::get)
                    .description("Records on a dead-letter topic not re-driven yet")
                    .tag("topic", topic)
                    .register(meterRegistry);
        }
    }

    public List<String> topics() {
        return topics;
    }

    /** The depth of each dead-letter topic as last measured. */
    public Map<String, Long> depths() {
        Map<String, Long> result = new LinkedHashMap<>();
        topics.forEach(topic -> result.put(topic, depths.get(topic).get()));
        return result;
    }

    /** Measures every dead-letter topic's depth now (it is also measured periodically). */
    public void refresh() {
        if (topics.isEmpty()) {
            return;
        }
        Admin admin = Admin.create(clientProperties);
        try {
            Set<String> existing = admin.listTopics().names().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            List<String> present = topics.stream().filter(existing::contains).toList();
            if (present.isEmpty()) {
                return;
            }
            List<TopicPartition> partitions = admin.describeTopics(present).allTopicNames()
                    .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).values().stream()
                    .flatMap(description -> description.partitions().stream()
                            .map(p -> new TopicPartition(description.name(), p.partition())))
                    .toList();
            Map<TopicPartition, Long> earliest = offsets(admin, partitions, OffsetSpec.earliest());
            Map<TopicPartition, Long> latest = offsets(admin, partitions, OffsetSpec.latest());
            Map<TopicPartition, OffsetAndMetadata> redriven = admin.listConsumerGroupOffsets(REDRIVE_GROUP)
                    .partitionsToOffsetAndMetadata().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            Map<String, Long> measured = new HashMap<>();
            for (TopicPartition partition : partitions) {
                OffsetAndMetadata committed = redriven.get(partition);
                long from = Math.max(earliest.get(partition), committed == null ? 0 : committed.offset());
                measured.merge(partition.topic(), Math.max(0, latest.get(partition) - from), Long::sum);
            }
            measured.forEach((topic, depth) -> depths.get(topic).set(depth));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            LOG.warn("Could not measure the dead-letter topics {}: {}", topics, e.toString());
        } finally {
            admin.close(TIMEOUT);
        }
    }

    private static Map<TopicPartition, Long> offsets(Admin admin, List<TopicPartition> partitions, OffsetSpec spec)
            throws InterruptedException, ExecutionException, TimeoutException {
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> result = admin.listOffsets(
                partitions.stream().collect(Collectors.toMap(p -> p, p -> spec))).all()
                .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        Map<TopicPartition, Long> offsets = new HashMap<>();
        result.forEach((partition, info) -> offsets.put(partition, info.offset()));
        return offsets;
    }

    /**
     * Publishes every record of {@code deadLetterTopic} not re-driven before back to its original
     * topic, and returns how many. Records dead-lettered again meanwhile wait for the next re-drive.
     *
     * @throws IllegalArgumentException when the topic is not one of this service's dead-letter topics
     */
    public synchronized int redrive(String deadLetterTopic) {
        if (!topics.contains(deadLetterTopic)) {
            throw new IllegalArgumentException("Not a dead-letter topic of this service: " + deadLetterTopic);
        }
        Map<String, Object> consumerProperties = new HashMap<>(clientProperties);
        consumerProperties.put(ConsumerConfig.GROUP_ID_CONFIG, REDRIVE_GROUP);
        consumerProperties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        consumerProperties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        int redriven = 0;
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(consumerProperties,
                new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(deadLetterTopic, TIMEOUT).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            consumer.assign(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, TIMEOUT);
            Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(Set.copyOf(partitions), TIMEOUT);
            for (TopicPartition partition : partitions) {
                OffsetAndMetadata position = committed.get(partition);
                if (position == null) {
                    consumer.seekToBeginning(List.of(partition));
                } else {
                    consumer.seek(partition, position);
                }
            }
            long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
            while (!reachedEnd(consumer, partitions, end)) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("Re-drive of " + deadLetterTopic + " did not reach the end in time");
                }
                Map<TopicPartition, OffsetAndMetadata> done = new HashMap<>();
                List<CompletableFuture<SendResult<String, byte[]>>> sends = new ArrayList<>();
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    TopicPartition partition = new TopicPartition(record.topic(), record.partition());
                    if (record.offset() >= end.get(partition)) {
                        continue;
                    }
                    sends.add(kafkaTemplate.send(toOriginal(record)));
                    done.put(partition, new OffsetAndMetadata(record.offset() + 1));
                }
                for (CompletableFuture<SendResult<String, byte[]>> send : sends) {
                    send.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                }
                if (!done.isEmpty()) {
                    consumer.commitSync(done, TIMEOUT);
                    redriven += sends.size();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Re-drive of " + deadLetterTopic + " interrupted", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Re-drive of " + deadLetterTopic + " failed after " + redriven + " records", e);
        }
        LOG.info("Re-drove {} dead letters from {}", redriven, deadLetterTopic);
        refresh();
        return redriven;
    }

    private static boolean reachedEnd(KafkaConsumer<String, byte[]> consumer, List<TopicPartition> partitions,
                                      Map<TopicPartition, Long> end) {
        return partitions.stream().allMatch(p -> consumer.position(p, TIMEOUT) >= end.get(p));
    }

    private static ProducerRecord<String, byte[]> toOriginal(ConsumerRecord<String, byte[]> record) {
        Header originalTopic = record.headers().lastHeader(KafkaHeaders.DLT_ORIGINAL_TOPIC);
        String topic = originalTopic != null
                ? new String(originalTopic.value(), StandardCharsets.UTF_8)
                : record.topic().substring(0, record.topic().length() - io.aftersales.contracts.Topics.DEAD_LETTER_SUFFIX.length());
        ProducerRecord<String, byte[]> original = new ProducerRecord<>(topic, record.key(), record.value());
        for (Header header : record.headers()) {
            if (!header.key().startsWith("kafka_")) {
                original.headers().add(header);
            }
        }
        return original;
    }

    @Override
    public void afterPropertiesSet() {
        if (topics.isEmpty()) {
            return;
        }
        refresher = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "dead-letter-depth");
            thread.setDaemon(true);
            return thread;
        });
        refresher.scheduleWithFixedDelay(this::refresh, Math.min(5_000, refreshInterval.toMillis()),
                refreshInterval.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void destroy() {
        if (refresher != null) {
            refresher.shutdownNow();
        }
    }
}
