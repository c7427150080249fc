package io.aftersales.e2e;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import io.aftersales.contracts.Topics;
import io.aftersales.launcher.ServiceProcess;
import io.aftersales.launcher.ServiceTable;
import io.aftersales.launcher.Supervisor;
import io.aftersales.testing.TopicReader;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code kill -9} of the embedded infrastructure (Kafka and MongoDB in one process) while eight
 * clients open tickets: an answered 201 is a promise, so after a restart on the same data every such
 * ticket is readable, and nothing reached Kafka that the store then lost.
 */
class StoreCrashE2EIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int CLIENTS = 8;
    private static final int ACKNOWLEDGED_BEFORE_THE_KILL = 80;

    private static Supervisor system;

    @AfterAll
    static void stopTheSystem() {
        if (system != null) {
            system.close();
        }
    }

    @Test
    void every_ticket_answered_201_survives_kill_minus_9_of_the_store_and_kafka_holds_nothing_the_store_lost()
            throws Exception {
        Files.createDirectories(Path.of("target"));
        Path dataDir = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "store-crash-e2e-");
        system = Supervisor.onFreePorts(dataDir).startInfrastructure();
        ServiceProcess tickets = system.start("ticket-service", "1").awaitReady(Duration.ofMinutes(2));
        String agent = system.token("agent-7", List.of("ADMIN"), List.of());

        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        AtomicBoolean open = new AtomicBoolean(true);
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        for (int client = 0; client < CLIENTS; client++) {
            clients.submit(() -> {
                while (open.get()) {
                    openTicket(tickets, agent, acknowledged);
                }
            });
        }
        await().atMost(Duration.ofMinutes(1)).until(() -> acknowledged.size() >= ACKNOWLEDGED_BEFORE_THE_KILL);
        system.killInfrastructureHard();
        // requests in flight at the kill still end, in a 201 only where their commit was answered
        open.set(false);
        clients.shutdown();
        assertThat(clients.awaitTermination(2, TimeUnit.MINUTES)).isTrue();

        system.startInfrastructure();

        assertThat(acknowledged).hasSizeGreaterThanOrEqualTo(ACKNOWLEDGED_BEFORE_THE_KILL);
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            for (String id : acknowledged) {
                assertThat(tickets.get("/api/v1/tickets/" + id, agent).statusCode()).as("ticket %s", id).isEqualTo(200);
            }
        });

        Set<String> stored = storedEventIds();
        Set<String> eventIdsOnKafka = new HashSet<>();
        try (TopicReader reader = TopicReader.fromBeginning(system.kafkaBootstrapServers(), Topics.TICKETS)) {
            // the relay resumes where its token stood: every acknowledged ticket is published in the end
            await().atMost(Duration.ofMinutes(2)).until(() -> {
                List<ConsumerRecord<String, byte[]>> records = reader.readNow(record -> true);
                Set<String> keys = new HashSet<>();
                records.forEach(record -> {
                    keys.add(record.key());
                    eventIdsOnKafka.add(TopicReader.header(record, "ce_id"));
                });
                return keys.containsAll(acknowledged);
            });
        }
        assertThat(stored).as("every event on Kafka is in the store").containsAll(eventIdsOnKafka);
    }

    private static void openTicket(ServiceProcess tickets, String token, Set<String> acknowledged) {
        try {
            String store = "tmall-flagship";
            String body = JSON.writeValueAsString(Map.ofEntries(
                    Map.entry("storeId", store), Map.entry("platform", "TMALL"),
                    Map.entry("orderId", "O-" + UUID.randomUUID()), Map.entry("externalId", "AS-" + UUID.randomUUID()),
                    Map.entry("buyerId", "buyer-" + UUID.randomUUID()), Map.entry("sku", "JK2611-RED-M"),
                    Map.entry("styleCode", "JK2611"), Map.entry("batch", "B-CRASH"), Map.entry("quantity", 1),
                    Map.entry("paidAmount", Map.of("amount", "259.00", "currency", "CNY")),
                    Map.entry("category", "QUALITY"), Map.entry("defectType", "COLOUR_FADING")));
            var response = tickets.post("/api/v1/tickets", body, token);
            if (response.statusCode() == 201) {
                acknowledged.add(JSON.readTree(response.body()).get("id").asText());
            }
        } catch (Exception refusedOrCutOff) {
            // not acknowledged, so not promised: the test only holds the system to its 201s
        }
    }

    private static Set<String> storedEventIds() {
        Set<String> ids = new HashSet<>();
        try (MongoClient mongo = MongoClients.create(system.mongoUri())) {
            for (Document commit : mongo.getDatabase(ServiceTable.service("ticket-service").database())
                    .getCollection("domainevents").find()) {
                for (Document event : commit.getList("events", Document.class)) {
                    ids.add(event.getString("eventIdentifier"));
                }
            }
        }
        return ids;
    }
}
