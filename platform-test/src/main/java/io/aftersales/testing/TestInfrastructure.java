package io.aftersales.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.aftersales.sandbox.PlatformSandbox;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;

/**
 * JVM-wide MongoDB and Kafka for integration tests, started lazily on first use and shared by
 * every test of the JVM (Mongo and Kafka independently: a test that only needs MongoDB never
 * starts Kafka).
 *
 * <p>Where a Docker daemon answers, real servers run in Testcontainers ({@value #MONGO_IMAGE}
 * as a single-node replica set, {@value #KAFKA_IMAGE}); otherwise the embedded servers of
 * {@code deploy/embedded} (a real KRaft Kafka broker and mongo-java-server in memory) run inside
 * this JVM on free ports. The system property {@value #MODE_PROPERTY} ({@code embedded} or
 * {@code containers}) forces one; the environment variable {@code AFTERSALES_TEST_INFRASTRUCTURE}
 * works too.
 *
 * <p>The mode is decided once, on first use, and picks one of two implementations of
 * {@link TestInfrastructureBackend}: {@link ContainerTestInfrastructure} or
 * {@link EmbeddedTestInfrastructure}; the methods here only delegate to it.
 *
 * <p>{@link #sandboxUrl()} is the platform sandbox, the same in-process one in both modes.
 *
 * <p>Tests share the servers: use unique topic names, consumer groups and database names (or
 * clean up) so that tests do not see each other's data.
 */
public final class TestInfrastructure {

    /** System property choosing the infrastructure: {@code embedded} or {@code containers}. */
    public static final String MODE_PROPERTY = "aftersales.test.infrastructure";
    public static final String MONGO_IMAGE = "mongo:7.0";
    public static final String KAFKA_IMAGE = "apache/kafka:3.9.1";

    private static final Logger LOG = LoggerFactory.getLogger(TestInfrastructure.class);
    private static final long DOCKER_PROBE_TIMEOUT_SECONDS = 20;

    /** Which kind of infrastructure this JVM uses. */
    public enum Mode {
        /** Kafka broker and MongoDB-protocol server inside this JVM. */
        EMBEDDED,
        /** Docker containers started with Testcontainers. */
        CONTAINERS
    }

    private static TestInfrastructureBackend backend;

    static {
        KafkaLogging.quietBrokerLoggers();
    }

    private TestInfrastructure() {
    }

    /** The infrastructure chosen for this JVM (decided once, on first call). */
    public static Mode mode() {
        return backend().mode();
    }

    /**
     * A MongoDB connection string without credentials: {@code mongodb://localhost:PORT} (embedded)
     * or the replica-set URL of the container. Starts MongoDB on first call.
     */
    public static String mongoUri() {
        return backend().mongoUri();
    }

    /** {@code host:port} of the Kafka broker. Starts Kafka on first call; stable across {@link #stopKafka()}/{@link #startKafka()}. */
    public static String kafkaBootstrapServers() {
        return backend().kafkaBootstrapServers();
    }

    /**
     * Makes Kafka unreachable (embedded: clean broker shutdown, ports closed; containers: the
     * container is paused). Its address and data are kept for {@link #startKafka()}.
     * Starts Kafka first if it was never started, so that the address is known.
     */
    public static void stopKafka() {
        backend().stopKafka();
    }

    /** Makes Kafka reachable again at the same address, with all earlier topics, records and offsets. */
    public static void startKafka() {
        backend().startKafka();
    }

    /**
     * {@code http://localhost:PORT} of the platform sandbox, the stand-in for the platforms, the
     * warehouse and the couriers (docs/platform-sandbox.md): one per JVM, in this JVM, on a free
     * port, its ledger in a temporary directory, started on first call in either mode. Its
     * notifications are signed with {@link #sandboxSecret()}. Tests use their own store ids (and
     * requestNos), so that behaviours and ledger rows of one test never reach another. A service's
     * IT sets {@code aftersales.sandbox.url} from it.
     */
    public static String sandboxUrl() {
        return TestSandbox.url();
    }

    /** The secret the test sandbox signs its notifications with: the sandbox's (and the services') default. */
    public static String sandboxSecret() {
        return PlatformSandbox.DEFAULT_SECRET;
    }

    /** Whether Kafka is started and not stopped by {@link #stopKafka()} (false before anything chose the infrastructure). */
    public static boolean isKafkaRunning() {
        TestInfrastructureBackend chosen;
        synchronized (TestInfrastructure.class) {
            chosen = backend;
        }
        return chosen != null && chosen.isKafkaRunning();
    }

    /** The one implementation of this JVM, chosen on first use; the only place that looks at the mode. */
    private static synchronized TestInfrastructureBackend backend() {
        if (backend == null) {
            backend = chooseMode() == Mode.CONTAINERS ? new ContainerTestInfrastructure() : new EmbeddedTestInfrastructure();
        }
        return backend;
    }

    private static Mode chooseMode() {
        String forced = System.getProperty(MODE_PROPERTY);
        if (forced == null || forced.isBlank()) {
            forced = System.getenv("AFTERSALES_TEST_INFRASTRUCTURE");
        }
        if (forced != null && !forced.isBlank()) {
            Mode chosen;
            try {
                chosen = Mode.valueOf(forced.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(MODE_PROPERTY + " must be 'embedded' or 'containers', got '" + forced + "'");
            }
            LOG.info("test infrastructure: {} (forced by {}={})", describe(chosen), MODE_PROPERTY, forced);
            return chosen;
        }
        boolean docker = dockerAvailable();
        Mode chosen = docker ? Mode.CONTAINERS : Mode.EMBEDDED;
        LOG.info("test infrastructure: {} ({}; force with -D{}=embedded|containers)", describe(chosen),
                docker ? "a Docker daemon answers" : "no Docker daemon", MODE_PROPERTY);
        return chosen;
    }

    private static String describe(Mode chosen) {
        return chosen == Mode.CONTAINERS
                ? "Testcontainers (" + MONGO_IMAGE + ", " + KAFKA_IMAGE + ")"
                : "embedded (KRaft Kafka broker and mongo-java-server in this JVM)";
    }

    /** Asks Testcontainers, but never waits long: a missing or hanging daemon means "no Docker". */
    private static boolean dockerAvailable() {
        if (!dockerConfigurationHint()) {
            // nothing that could lead to a daemon: spare the probe and Testcontainers' error report
            return false;
        }
        ExecutorService executor = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "aftersales-docker-probe");
            thread.setDaemon(true);
            return thread;
        });
        long started = System.nanoTime();
        try {
            Future<Boolean> probe = executor.submit(() -> DockerClientFactory.instance().isDockerAvailable());
            return probe.get(DOCKER_PROBE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            LOG.warn("Docker detection did not answer within {} s: using the embedded infrastructure",
                    DOCKER_PROBE_TIMEOUT_SECONDS);
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (Exception | LinkageError e) {
            LOG.debug("Docker detection failed", e);
            return false;
        } finally {
            executor.shutdownNow();
            LOG.debug("Docker detection took {} ms", millisSince(started));
        }
    }

    /**
     * Whether anything suggests a Docker (or compatible) daemon: DOCKER_HOST, Testcontainers
     * configuration, or one of the usual sockets. On Windows, always ask Testcontainers.
     */
    private static boolean dockerConfigurationHint() {
        if (System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("win")) {
            return true;
        }
        for (String variable : List.of("DOCKER_HOST", "TESTCONTAINERS_DOCKER_CLIENT_STRATEGY", "TESTCONTAINERS_HOST_OVERRIDE")) {
            String value = System.getenv(variable);
            if (value != null && !value.isBlank()) {
                return true;
            }
        }
        String home = System.getProperty("user.home", "");
        String runtimeDir = System.getenv("XDG_RUNTIME_DIR");
        List<String> candidates = new ArrayList<>(List.of(
                "/var/run/docker.sock",
                "/run/docker.sock",
                home + "/.testcontainers.properties",
                home + "/.docker/run/docker.sock",
                home + "/.docker/desktop/docker.sock",
                home + "/.colima",
                home + "/.rd/docker.sock"));
        if (runtimeDir != null && !runtimeDir.isBlank()) {
            candidates.add(runtimeDir + "/docker.sock");
            candidates.add(runtimeDir + "/podman/podman.sock");
        }
        for (String candidate : candidates) {
            if (Files.exists(Path.of(candidate))) {
                return true;
            }
        }
        LOG.debug("no DOCKER_HOST, Testcontainers configuration or Docker socket found");
        return false;
    }

    static long millisSince(long nanoTime) {
        return (System.nanoTime() - nanoTime) / 1_000_000;
    }
}
