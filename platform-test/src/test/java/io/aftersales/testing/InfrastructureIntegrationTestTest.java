package io.aftersales.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import java.util.concurrent.TimeUnit;

import com.mongodb.client.MongoClient;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.kafka.KafkaAutoConfiguration;
import org.springframework.boot.autoconfigure.mongo.MongoAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;

/** A Spring Boot test using the base class: Spring's Mongo and Kafka auto-configuration reach the test infrastructure. */
@SpringBootTest(classes = InfrastructureIntegrationTestTest.App.class)
class InfrastructureIntegrationTestTest extends InfrastructureIntegrationTest {

    @SpringBootConfiguration
    @ImportAutoConfiguration({MongoAutoConfiguration.class, KafkaAutoConfiguration.class})
    static class App {
    }

    @Value("${spring.data.mongodb.uri}")
    String mongoUri;

    @Value("${spring.kafka.bootstrap-servers}")
    String bootstrapServers;

    @Autowired
    MongoClient mongoClient;

    @Autowired
    KafkaTemplate<String, String> kafkaTemplate;

    @Test
    void springUsesTheTestInfrastructure() throws Exception {
        assertThat(mongoUri).isEqualTo(TestInfrastructure.mongoUri());
        assertThat(bootstrapServers).isEqualTo(TestInfrastructure.kafkaBootstrapServers());

        Document pong = mongoClient.getDatabase("admin").runCommand(new Document("ping", 1));
        assertThat(pong.get("ok")).isIn(1, 1.0);

        SendResult<String, String> sent = kafkaTemplate
                .send("platform-test.spring." + UUID.randomUUID(), "key", "value")
                .get(30, TimeUnit.SECONDS);
        assertThat(sent.getRecordMetadata().offset()).isZero();
    }

    @Test
    void embeddedBrokerLogsOnlyWarnings() {
        assertThat(LoggerFactory.getLogger("kafka.server.BrokerServer").isInfoEnabled()).isFalse();
        assertThat(LoggerFactory.getLogger("org.apache.kafka.controller.QuorumController").isInfoEnabled()).isFalse();
    }
}
