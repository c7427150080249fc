package io.aftersales.platform.messaging;

import com.mongodb.client.MongoDatabase;
import io.aftersales.contracts.Topics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Counter;
import jakarta.validation.ConstraintViolationException;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.config.TopicConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.listener.RetryListener;
import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.ExponentialBackOff;
import org.apache.kafka.common.TopicPartition;
import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.kafka.KafkaAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.FixedBackOff;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Kafka in and out for every service: the relay that publishes from the event store (and parks
 * what can never be published), the topics the service owns, the consumer side's error policy,
 * dead-letter topics with their depth and re-drive, and the inbox.
 */
@AutoConfiguration(after = {KafkaAutoConfiguration.class,
        io.aftersales.platform.axon.AxonMongoConfiguration.class})
@EnableConfigurationProperties(MessagingProperties.class)
public class MessagingConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(MessagingConfiguration.class);

    @Bean
    @ConditionalOnBean(OutgoingEventTranslator.class)
    public KafkaEventRelay kafkaEventRelay(KafkaTemplate<String, byte[]> kafkaTemplate,
                                           OutgoingEventTranslator translator,
                                           MessagingProperties properties,
                                           MeterRegistry meterRegistry,
                                           ObjectProvider<PublishedEventListener> listeners,
                                           PublishDeadLetters publishDeadLetters) {
        return new KafkaEventRelay(kafkaTemplate, translator, properties, meterRegistry,
                listeners.orderedStream().toList(), publishDeadLetters);
    }

    @Bean
    @ConditionalOnBean(OutgoingEventTranslator.class)
    public PublishDeadLetters publishDeadLetters(MongoDatabase serviceDatabase, MeterRegistry meterRegistry) {
        return new PublishDeadLetters(serviceDatabase, meterRegistry);
    }

    /** A failed send must stop the relay and make it retry, never be logged and skipped. */
    @Autowired
    public void propagateRelayFailures(EventProcessingConfigurer eventProcessing) {
        eventProcessing.registerListenerInvocationErrorHandler(
                KafkaEventRelay.PROCESSING_GROUP, configuration -> PropagatingErrorHandler.instance());
    }

    /**
     * The service's topic, the topics it subscribes to and their dead-letter topics, with the
     * configured partitions, replication factor and {@code min.insync.replicas}. A subscribed topic
     * is declared too because whichever service starts first creates it: left to the broker's
     * auto-creation by a consumer it would get the broker's defaults. Topics that already exist are
     * left as they are ({@code spring.kafka.admin.modify-topic-configs=false}).
     */
    @Bean
    @ConditionalOnProperty("aftersales.messaging.topic")
    public KafkaAdmin.NewTopics serviceTopics(MessagingProperties properties) {
        List<NewTopic> topics = new ArrayList<>();
        topics.add(topic(properties.topic(), properties));
        for (String subscription : properties.subscriptions()) {
            topics.add(topic(subscription, properties));
        }
        for (String deadLetterTopic : properties.deadLetterTopics()) {
            topics.add(topic(deadLetterTopic, properties));
        }
        return new KafkaAdmin.NewTopics(topics.toArray(NewTopic[]::new));
    }

    private static NewTopic topic(String name, MessagingProperties properties) {
        return new NewTopic(name, properties.partitions(), properties.replicationFactor())
                .configs(Map.of(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, Integer.toString(properties.minInsyncReplicas())));
    }

    /**
     * What a consumer does with a record its listener failed on ({@link ConsumerFailures}): an
     * infrastructure failure (MongoDB unreachable, a timeout) is retried with exponential back-off
     * capped at {@code transient-retry-max-backoff}, forever, holding the partition (no offset
     * commit, nothing dead-lettered); a message that can never succeed (malformed, invalid) goes to
     * {@code <topic>.dlt} at once; any other failure is tried {@code delivery-attempts} times, then
     * dead-lettered, so that one poisoned message never stops its partition. Every failed attempt
     * counts in {@code aftersales_consumer_retries}, every dead letter in {@code aftersales_consumer_dead_letters}.
     */
    @Bean
    public CommonErrorHandler deadLetterErrorHandler(KafkaTemplate<String, byte[]> kafkaTemplate,
                                                     MessagingProperties properties, MeterRegistry meterRegistry) {
        DeadLetterPublishingRecoverer recoverer = new DeadLetterPublishingRecoverer(kafkaTemplate,
                (record, exception) -> new TopicPartition(record.topic() + Topics.DEAD_LETTER_SUFFIX, -1));
        DefaultErrorHandler handler = new DefaultErrorHandler(recoverer,
                new FixedBackOff(properties.retryBackoff().toMillis(), Math.max(0, properties.deliveryAttempts() - 1)));
        handler.setBackOffFunction((record, exception) ->
                ConsumerFailures.isTransient(exception) ? untilItSucceeds(properties) : null);
        handler.setResetStateOnExceptionChange(true);
        handler.addNotRetryableExceptions(MalformedMessageException.class, ConstraintViolationException.class);
        handler.setRetryListeners(new RetryListener() {
            @Override
            public void failedDelivery(ConsumerRecord<?, ?> record, Exception exception, int deliveryAttempt) {
                boolean transientFailure = ConsumerFailures.isTransient(exception);
                Counter.builder("aftersales_consumer_retries")
                        .description("Failed deliveries of a consumed record (each is retried or dead-lettered)")
                        .tag("topic", record.topic())
                        .tag("kind", transientFailure ? "transient" : ConsumerFailures.isPermanent(exception) ? "permanent" : "other")
                        .register(meterRegistry)
                        .increment();
                if (transientFailure) {
                    LOG.warn("Record {}-{}@{} failed (attempt {}) on an infrastructure failure; retrying until it succeeds: {}",
                            record.topic(), record.partition(), record.offset(), deliveryAttempt, rootCause(exception));
                }
            }

            @Override
            public void recovered(ConsumerRecord<?, ?> record, Exception exception) {
                Counter.builder("aftersales_consumer_dead_letters")
                        .description("Consumed records sent to the dead-letter topic")
                        .tag("topic", record.topic())
                        .register(meterRegistry)
                        .increment();
            }
        });
        return handler;
    }

    private static BackOff untilItSucceeds(MessagingProperties properties) {
        ExponentialBackOff backOff = new ExponentialBackOff(Math.max(1, properties.retryBackoff().toMillis()), 2.0);
        backOff.setMaxInterval(Math.max(backOff.getInitialInterval(), properties.transientRetryMaxBackoff().toMillis()));
        backOff.setMaxElapsedTime(Long.MAX_VALUE);
        return backOff;
    }

    private static String rootCause(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.toString();
    }

    @Bean
    public DeadLetters deadLetters(KafkaAdmin kafkaAdmin, KafkaTemplate<String, byte[]> kafkaTemplate,
                                   MessagingProperties properties, MeterRegistry meterRegistry) {
        return new DeadLetters(kafkaAdmin.getConfigurationProperties(), kafkaTemplate, properties.deadLetterTopics(),
                properties.deadLetterDepthInterval(), meterRegistry);
    }

    /** {@code GET /api/v1/admin/dead-letters} and the re-drive, for ADMIN. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
    static class DeadLetterEndpoint {

        @Bean
        DeadLetterController deadLetterController(DeadLetters deadLetters) {
            return new DeadLetterController(deadLetters);
        }
    }

    @Bean
    public Inbox inbox(MongoDatabase serviceDatabase, MeterRegistry meterRegistry) {
        return new Inbox(serviceDatabase, Duration.ofDays(30), meterRegistry);
    }
}
