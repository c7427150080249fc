package io.aftersales.platform.messaging;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;
import java.util.List;

/**
 * The service's place on the event bus: the topic it owns and publishes to, its CloudEvents
 * source, the topics it subscribes to (whose dead-letter topics it creates) and topic sizing.
 */
@ConfigurationProperties("aftersales.messaging")
public record MessagingProperties(
        String topic,
        String source,
        @DefaultValue List<String> subscriptions,
        @DefaultValue("6") int partitions,
        @DefaultValue("1") short replicationFactor,
        @DefaultValue("30s") Duration sendTimeout,
        @DefaultValue("3") int deliveryAttempts,
        @DefaultValue("500ms") Duration retryBackoff) {
}
