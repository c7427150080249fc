package io.aftersales.e2e;

import io.aftersales.embedded.LocalSigningKey;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;

/**
 * The system as separate processes on free ports, started one by one so that a test can kill one
 * ({@code kill -9}), restart it, or run a second instance of it: the embedded infrastructure and
 * the services' executable jars, exactly as {@code ./aftersales run} starts them.
 */
final class ServiceProcesses implements AutoCloseable {

    private final Path dataDir;
    private final int kafkaPort;
    private final int mongoPort;
    private final List<Process> processes = new ArrayList<>();
    private final LocalSigningKey signingKey;
    private Process infrastructure;

    ServiceProcesses(Path dataDir) throws IOException {
        this.dataDir = dataDir;
        this.kafkaPort = freePort();
        this.mongoPort = freePort();
        this.signingKey = LocalSigningKey.loadOrCreate(dataDir);
        Files.createDirectories(dataDir.resolve("logs"));
    }

    String kafkaBootstrapServers() {
        return "localhost:" + kafkaPort;
    }

    String token(String user, List<String> roles, List<String> stores) {
        return signingKey.issueToken(user, roles, stores, Duration.ofHours(1));
    }

    ServiceProcesses startInfrastructure() throws IOException {
        Path log = dataDir.resolve("logs/infrastructure.log");
        infrastructure = new ProcessBuilder(java(), "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx512m",
                "-jar", jar("deploy/embedded/target/embedded-infrastructure-exec.jar").toString(),
                "--data-dir=" + dataDir, "--kafka-port=" + kafkaPort, "--kafka-controller-port=" + freePort(),
                "--mongo-port=" + mongoPort)
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        processes.add(infrastructure);
        await().atMost(Duration.ofSeconds(60)).until(() -> Files.readString(log).contains(
                "embedded infrastructure ready:"));
        return this;
    }

    /** Starts one instance of a service; {@code instance} tells two instances of one service apart. */
    Service start(String name, String instance) throws IOException {
        int apiPort = freePort();
        int managementPort = freePort();
        Path log = dataDir.resolve("logs/" + name + "-" + instance + ".log");
        ProcessBuilder builder = new ProcessBuilder(java(), "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx384m",
                "-jar", jar(name + "/target/" + name + "-exec.jar").toString(),
                "--server.port=" + apiPort, "--management.server.port=" + managementPort,
                "--spring.kafka.client-id=" + clientId(name, instance))
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("SPRING_KAFKA_BOOTSTRAP_SERVERS", kafkaBootstrapServers());
        builder.environment().put("SPRING_DATA_MONGODB_URI", "mongodb://localhost:" + mongoPort);
        builder.environment().put("SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_PUBLIC_KEY_LOCATION",
                signingKey.publicKeyFile().toUri().toString());
        Process process = builder.start();
        processes.add(process);
        return new Service(name, process, apiPort, managementPort, log);
    }

    /** The Kafka client id prefix of one instance, so that a consumer group shows which instance holds what. */
    static String clientId(String name, String instance) {
        return name + "-" + instance;
    }

    @Override
    public void close() {
        for (int i = processes.size() - 1; i >= 0; i--) {
            Process process = processes.get(i);
            process.destroy();
            try {
                if (!process.waitFor(20, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static Path jar(String relative) {
        Path jar = RunningSystem.root().resolve(relative);
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: run the build first (./mvnw verify builds it)");
        }
        return jar;
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** One running service process. */
    record Service(String name, Process process, int apiPort, int managementPort, Path log) {

        Service awaitReady(Duration timeout) {
            await().atMost(timeout).pollInterval(Duration.ofMillis(500))
                    .failFast(() -> {
                        if (!process.isAlive()) {
                            throw new IllegalStateException(name + " exited during startup, see " + log);
                        }
                    })
                    .until(() -> RunningSystem.isUp(managementPort));
            return this;
        }

        String api(String path) {
            return "http://localhost:" + apiPort + path;
        }

        /** {@code kill -9}: no shutdown hook, no flush, nothing graceful. */
        void killHard() throws InterruptedException {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }

        HttpResponse<String> get(String path, String token) throws IOException, InterruptedException {
            return RunningSystem.HTTP.send(HttpRequest.newBuilder(URI.create(api(path)))
                    .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
        }

        HttpResponse<String> post(String path, String json, String token) throws IOException, InterruptedException {
            return RunningSystem.HTTP.send(HttpRequest.newBuilder(URI.create(api(path)))
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
        }
    }
}
