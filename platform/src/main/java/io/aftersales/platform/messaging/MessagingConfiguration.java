package io.aftersales.platform.messaging;

import com.mongodb.client.MongoDatabase;
import io.aftersales.contracts.Topics;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.admin.NewTopic;
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

/**
 * Kafka in and out for every service: the relay that publishes from the event store, the topics
 * the service owns, and the consumer side's retry-then-dead-letter policy and inbox.
 */
@AutoConfiguration(after = {KafkaAutoConfiguration.class,
        io.aftersales.platform.axon.AxonMongoConfiguration.class})
@EnableConfigurationProperties(MessagingProperties.class)
public class MessagingConfiguration {

    @Bean
    @ConditionalOnBean(OutgoingEventTranslator.class)
    public KafkaEventRelay kafkaEventRelay(KafkaTemplate<String, byte[]> kafkaTemplate,
                                           OutgoingEventTranslator translator,
                                           MessagingProperties properties,
                                           MeterRegistry meterRegistry,
                                           ObjectProvider<PublishedEventListener> listeners) {
        return new KafkaEventRelay(kafkaTemplate, translator, properties, meterRegistry,
                listeners.orderedStream().toList());
    }

    /** A failed send must stop the relay and make it retry, never be logged and skipped. */
    @Autowired
    public void propagateRelayFailures(EventProcessingConfigurer eventProcessing) {
        eventProcessing.registerListenerInvocationErrorHandler(
                KafkaEventRelay.PROCESSING_GROUP, configuration -> PropagatingErrorHandler.instance());
    }

    @Bean
    @ConditionalOnProperty("aftersales.messaging.topic")
    public KafkaAdmin.NewTopics serviceTopics(MessagingProperties properties) {
        List<NewTopic> topics = new ArrayList<>();
        topics.add(new NewTopic(properties.topic(), properties.partitions(), properties.replicationFactor()));
        for (String subscription : properties.subscriptions()) {
            topics.add(new NewTopic(subscription + Topics.DEAD_LETTER_SUFFIX, properties.partitions(),
                    properties.replicationFactor()));
        }
        return new KafkaAdmin.NewTopics(topics.toArray(NewTopic[]::new));
    }

    /**
     * Retries a failing record a few times, then parks it on {@code <topic>.dlt} and moves on, so
     * one poisoned message never stops its partition. Malformed messages skip the retries.
     */
    @Bean
    public CommonErrorHandler deadLetterErrorHandler(KafkaTemplate<String, byte[]> kafkaTemplate,
                                                     MessagingProperties properties) {
        DeadLetterPublishingRecoverer recoverer = new DeadLetterPublishingRecoverer(kafkaTemplate,
                (record, exception) -> new TopicPartition(record.topic() + Topics.DEAD_LETTER_SUFFIX, -1));
        DefaultErrorHandler handler = new DefaultErrorHandler(recoverer,
                new FixedBackOff(properties.retryBackoff().toMillis(), Math.max(0, properties.deliveryAttempts() - 1)));
        handler.addNotRetryableExceptions(MalformedMessageException.class);
        return handler;
    }

    @Bean
    public Inbox inbox(MongoDatabase serviceDatabase, MeterRegistry meterRegistry) {
        return new Inbox(serviceDatabase, Duration.ofDays(30), meterRegistry);
    }
}
