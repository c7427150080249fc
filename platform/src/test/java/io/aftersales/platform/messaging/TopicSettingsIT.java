package io.aftersales.platform.messaging;

import io.aftersales.testing.InfrastructureIntegrationTest;
import io.aftersales.testing.TestInfrastructure;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.test.context.SpringBootTest;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The topics a service creates, its own, the ones it subscribes to and their dead-letter topics, take their
 * replication factor and {@code min.insync.replicas} from configuration. The single test broker
 * only allows a replication factor of 1, so {@code min.insync.replicas} is set above the broker's
 * default of 1 to show it comes from the configuration (a producer with acks=all could not write
 * to these topics, and nothing here does).
 */
@SpringBootTest(classes = TopicSettingsIT.TopicsApplication.class, properties = {
        "spring.main.web-application-type=none",
        "spring.application.name=topic-settings-it",
        "spring.data.mongodb.database=aftersales_topic_settings_it",
        "aftersales.messaging.topic=" + TopicSettingsIT.OWN_TOPIC,
        "aftersales.messaging.subscriptions=" + TopicSettingsIT.SUBSCRIPTION,
        "aftersales.messaging.partitions=2",
        "aftersales.messaging.replication-factor=1",
        "aftersales.messaging.min-insync-replicas=2"})
class TopicSettingsIT extends InfrastructureIntegrationTest {

    static final String OWN_TOPIC = "platform.topic-settings-it.v1";
    static final String SUBSCRIPTION = "platform.topic-settings-it-in.v1";

    @Test
    void the_own_topic_the_subscribed_topics_and_their_dead_letter_topics_are_created_with_the_configured_settings()
            throws Exception {
        // a subscribed topic is declared too: left to the broker's auto-creation by the first consumer, it would
        // get the broker's default partitions, and its producer, starting later, would not change them
        List<String> topics = List.of(OWN_TOPIC, SUBSCRIPTION, SUBSCRIPTION + ".dlt");
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                TestInfrastructure.kafkaBootstrapServers()))) {
            await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() -> {
                Map<String, TopicDescription> described = admin.describeTopics(topics).allTopicNames().get();
                assertThat(described).containsOnlyKeys(topics);
                described.values().forEach(topic -> {
                    assertThat(topic.partitions()).hasSize(2);
                    topic.partitions().forEach(partition -> assertThat(partition.replicas()).hasSize(1));
                });
            });
            Map<ConfigResource, Config> configs = admin.describeConfigs(topics.stream()
                    .map(topic -> new ConfigResource(ConfigResource.Type.TOPIC, topic)).toList()).all().get();
            for (String topic : topics) {
                ConfigEntry minInsync = configs.get(new ConfigResource(ConfigResource.Type.TOPIC, topic))
                        .get("min.insync.replicas");
                assertThat(minInsync.value()).as("min.insync.replicas of %s", topic).isEqualTo("2");
                assertThat(minInsync.source()).as("set on the topic %s", topic)
                        .isEqualTo(ConfigEntry.ConfigSource.DYNAMIC_TOPIC_CONFIG);
            }
        }
    }

    @SpringBootApplication
    static class TopicsApplication {
    }
}
