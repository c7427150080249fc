package io.aftersales.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;

import io.aftersales.embedded.EmbeddedKafkaBroker;
import io.aftersales.embedded.EmbeddedMongoServer;
import io.aftersales.embedded.FreePorts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded servers of {@code deploy/embedded} inside this JVM, on free ports: mongo-java-server
 * in memory and a real KRaft Kafka broker whose data goes to a temporary directory. Stopped, and
 * the directory deleted, when the JVM exits.
 */
final class EmbeddedTestInfrastructure implements TestInfrastructureBackend {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedTestInfrastructure.class);

    private EmbeddedMongoServer mongo;
    private EmbeddedKafkaBroker kafka;
    private Path kafkaDir;
    private boolean shutdownHookRegistered;

    @Override
    public TestInfrastructure.Mode mode() {
        return TestInfrastructure.Mode.EMBEDDED;
    }

    @Override
    public synchronized String mongoUri() {
        if (mongo == null) {
            registerShutdownHook();
            EmbeddedMongoServer server = EmbeddedMongoServer.inMemory(FreePorts.next());
            server.start();
            mongo = server;
            LOG.info("test MongoDB (embedded mongo-java-server, in memory) at {}", server.connectionString());
        }
        return mongo.connectionString();
    }

    @Override
    public synchronized String kafkaBootstrapServers() {
        if (kafka == null) {
            registerShutdownHook();
            try {
                kafkaDir = Files.createTempDirectory("aftersales-test-kafka-");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            List<Integer> ports = FreePorts.distinct(2);
            EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(kafkaDir, ports.get(0), ports.get(1));
            broker.start();
            kafka = broker;
            LOG.info("test Kafka (embedded KRaft broker) at {}, data in {}", broker.bootstrapServers(), kafkaDir);
        }
        return kafka.bootstrapServers();
    }

    /** A clean broker shutdown: its ports are closed, its data directory kept. */
    @Override
    public synchronized void stopKafka() {
        kafkaBootstrapServers();
        kafka.stop();
    }

    @Override
    public synchronized void startKafka() {
        if (kafka == null) {
            kafkaBootstrapServers();
        } else {
            kafka.start();
        }
    }

    @Override
    public synchronized boolean isKafkaRunning() {
        return kafka != null && kafka.isRunning();
    }

    private void registerShutdownHook() {
        if (shutdownHookRegistered) {
            return;
        }
        shutdownHookRegistered = true;
        Runtime.getRuntime().addShutdownHook(new Thread(this::shutdown, "aftersales-test-infrastructure-shutdown"));
    }

    private synchronized void shutdown() {
        if (kafka != null) {
            kafka.stop();
        }
        if (mongo != null) {
            mongo.stop();
        }
        if (kafkaDir != null) {
            deleteRecursively(kafkaDir);
        }
    }

    static void deleteRecursively(Path dir) {
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path directory, IOException e) throws IOException {
                    Files.deleteIfExists(directory);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            LOG.warn("could not delete {}: {}", dir, e.toString());
        }
    }
}
