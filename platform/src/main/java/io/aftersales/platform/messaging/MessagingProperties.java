package io.aftersales.platform.messaging;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;
import java.util.List;

/**
 * The service's place on the event bus: the topic it owns and publishes to, its CloudEvents
 * source, the topics it subscribes to (whose dead-letter topics it creates), topic sizing and
 * durability (replication factor and {@code min.insync.replicas}: 1 and 1 on the single embedded
 * broker, 3 and 2 in production), and the consumer's retry policy: {@code deliveryAttempts} tries
 * {@code retryBackoff} apart for a failure of unknown kind, and for an infrastructure failure
 * back-off from {@code retryBackoff} doubling up to {@code transientRetryMaxBackoff}, forever.
 */
@ConfigurationProperties("aftersales.messaging")
public record MessagingProperties(
        String topic,
        String source,
        @DefaultValue List<String> subscriptions,
        @DefaultValue("6") int partitions,
        @DefaultValue("1") short replicationFactor,
        @DefaultValue("1") int minInsyncReplicas,
        @DefaultValue("30s") Duration sendTimeout,
        @DefaultValue("3") int deliveryAttempts,
        @DefaultValue("500ms") Duration retryBackoff,
        @DefaultValue("30s") Duration transientRetryMaxBackoff,
        @DefaultValue("30s") Duration deadLetterDepthInterval) {

    /** The dead-letter topic of each subscription. */
    public List<String> deadLetterTopics() {
        return subscriptions.stream().map(topic -> topic + io.aftersales.contracts.Topics.DEAD_LETTER_SUFFIX).toList();
    }
}
