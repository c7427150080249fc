package io.aftersales.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.bson.Document;
import org.junit.jupiter.api.Test;

/** Runs with -Daftersales.test.infrastructure=embedded (see the module's pom). */
class TestInfrastructureTest {

    @Test
    void embeddedMongoAnswersPing() {
        assertThat(TestInfrastructure.mode()).isEqualTo(TestInfrastructure.Mode.EMBEDDED);
        String uri = TestInfrastructure.mongoUri();
        assertThat(uri).startsWith("mongodb://localhost:");
        assertThat(TestInfrastructure.mongoUri()).as("one server per JVM").isEqualTo(uri);
        try (MongoClient client = MongoClients.create(uri)) {
            Document pong = client.getDatabase("admin").runCommand(new Document("ping", 1));
            assertThat(pong.get("ok")).isIn(1, 1.0);
            client.getDatabase("platform_test").getCollection("things").insertOne(new Document("_id", "a"));
            assertThat(client.getDatabase("platform_test").getCollection("things").countDocuments()).isEqualTo(1);
        }
    }

    @Test
    void kafkaStopAndStartKeepAddressAndData() throws Exception {
        String bootstrap = TestInfrastructure.kafkaBootstrapServers();
        assertThat(bootstrap).startsWith("localhost:");
        String topic = "platform-test." + UUID.randomUUID();
        try (Admin admin = admin(bootstrap)) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
            // the broker's metadata cache follows the controller asynchronously
            awaitTopicListed(admin, topic);
        }
        produce(bootstrap, topic, "before the outage");

        TestInfrastructure.stopKafka();
        assertThat(TestInfrastructure.isKafkaRunning()).isFalse();
        assertThat(reachable(bootstrap)).as("Kafka unreachable while stopped").isFalse();
        assertThat(TestInfrastructure.kafkaBootstrapServers()).isEqualTo(bootstrap);

        TestInfrastructure.startKafka();
        assertThat(TestInfrastructure.isKafkaRunning()).isTrue();
        assertThat(TestInfrastructure.kafkaBootstrapServers()).isEqualTo(bootstrap);
        assertThat(reachable(bootstrap)).isTrue();
        try (Admin admin = admin(bootstrap)) {
            awaitTopicListed(admin, topic);
        }
        produce(bootstrap, topic, "after the outage");
        assertThat(consumeAll(bootstrap, topic, 2)).containsExactly("before the outage", "after the outage");
    }

    @Test
    void one_platform_sandbox_per_jvm_answers_its_health() throws Exception {
        String url = TestInfrastructure.sandboxUrl();
        assertThat(url).startsWith("http://localhost:");
        assertThat(TestInfrastructure.sandboxUrl()).as("one sandbox per JVM").isEqualTo(url);
        HttpResponse<String> health = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(url + "/health")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).isEqualTo(200);
    }

    private static void awaitTopicListed(Admin admin, String topic) {
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(admin.listTopics().names().get()).contains(topic));
    }

    private static Admin admin(String bootstrap) {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
    }

    private static void produce(String bootstrap, String topic, String value) throws Exception {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props)) {
            producer.send(new ProducerRecord<>(topic, "key", value)).get();
        }
    }

    private static List<String> consumeAll(String bootstrap, String topic, int expected) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "platform-test-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
            consumer.subscribe(List.of(topic));
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    values.add(record.value());
                }
                return values.size() >= expected;
            });
        }
        return values;
    }

    private static boolean reachable(String bootstrap) {
        String[] hostPort = bootstrap.split(":");
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(hostPort[0], Integer.parseInt(hostPort[1])), 500);
            return true;
        } catch (Exception e) {
            return false;
        }
    }
}
