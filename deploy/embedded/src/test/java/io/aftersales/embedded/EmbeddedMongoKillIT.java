package io.aftersales.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An acknowledged write survives {@code kill -9} of the infrastructure process: the embedded
 * infrastructure runs as its own JVM from the executable jar (as {@code ./aftersales run} and the
 * e2e tests start it), writers get acknowledgements, the process is killed with SIGKILL right
 * after the last one, and a new process on the same data directory has every acknowledged document.
 */
class EmbeddedMongoKillIT {

    private static final int WRITERS = 4;
    private static final int DOCUMENTS_PER_WRITER = 250;

    @TempDir
    Path dataDir;

    private Process infrastructure;

    @AfterEach
    void killInfrastructure() throws InterruptedException {
        if (infrastructure != null) {
            infrastructure.destroyForcibly();
            infrastructure.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void every_acknowledged_write_is_there_after_kill_minus_9_of_the_infrastructure_process() throws Exception {
        int mongoPort = FreePorts.next();
        infrastructure = start(mongoPort, "first");
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        try (MongoClient client = MongoClients.create("mongodb://localhost:" + mongoPort)) {
            MongoCollection<Document> tickets = client.getDatabase("durability").getCollection("tickets");
            ExecutorService writers = Executors.newFixedThreadPool(WRITERS);
            try {
                List<Future<?>> running = new ArrayList<>();
                for (int w = 0; w < WRITERS; w++) {
                    int writer = w;
                    running.add(writers.submit(() -> {
                        for (int i = 0; i < DOCUMENTS_PER_WRITER; i++) {
                            String id = "T-" + writer + "-" + i;
                            tickets.insertOne(new Document("_id", id).append("status", "OPEN"));
                            acknowledged.add(id);
                        }
                        return null;
                    }));
                }
                for (Future<?> future : running) {
                    future.get(2, TimeUnit.MINUTES);
                }
            } finally {
                writers.shutdownNow();
            }
            // kill -9 right after the last acknowledgement: no shutdown hook, no background commit
            infrastructure.destroyForcibly();
            assertThat(infrastructure.waitFor(10, TimeUnit.SECONDS)).isTrue();
            assertThat(infrastructure.exitValue()).as("killed by SIGKILL").isEqualTo(128 + 9);
        }

        infrastructure = start(mongoPort, "restarted");
        try (MongoClient client = MongoClients.create("mongodb://localhost:" + mongoPort)) {
            MongoCollection<Document> tickets = client.getDatabase("durability").getCollection("tickets");
            List<String> stored = new ArrayList<>();
            tickets.find().projection(new Document("_id", 1)).forEach(d -> stored.add(d.getString("_id")));
            assertThat(acknowledged).hasSize(WRITERS * DOCUMENTS_PER_WRITER);
            assertThat(stored).as("acknowledged documents after kill -9 and restart")
                              .containsExactlyInAnyOrderElementsOf(acknowledged);
            assertThat(tickets.countDocuments(Filters.eq("status", "OPEN"))).isEqualTo(acknowledged.size());
        }
    }

    private Process start(int mongoPort, String run) throws IOException {
        Path jar = Path.of("target", "embedded-infrastructure-exec.jar").toAbsolutePath();
        assertThat(jar).as("built by the package phase").exists();
        Path log = dataDir.resolve("infrastructure-" + run + ".log");
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx384m", "-jar", jar.toString(),
                "--data-dir=" + dataDir.resolve("data"), "--kafka-port=" + FreePorts.next(),
                "--kafka-controller-port=" + FreePorts.next(), "--mongo-port=" + mongoPort)
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
               .failFast(() -> !process.isAlive())
               .until(() -> Files.readString(log).contains(EmbeddedInfrastructure.READY_PREFIX));
        return process;
    }
}
