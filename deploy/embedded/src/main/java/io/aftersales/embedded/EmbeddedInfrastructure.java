package io.aftersales.embedded;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the local infrastructure of the platform in one JVM: a Kafka KRaft broker and a
 * MongoDB-protocol server, both keeping their data under one directory.
 *
 * <pre>
 * java -jar embedded-infrastructure-exec.jar [--data-dir=DIR] [--kafka-port=9092] [--mongo-port=27017]
 * </pre>
 *
 * Options fall back to the environment variables {@code AFTERSALES_DATA_DIR},
 * {@code AFTERSALES_KAFKA_PORT} and {@code AFTERSALES_MONGO_PORT}, then to the defaults
 * ({@code ./data}, 9092, 27017). The Kafka controller listens on {@code --kafka-controller-port}
 * ({@code AFTERSALES_KAFKA_CONTROLLER_PORT}, default Kafka port + 1). Kafka keeps its data under
 * {@code DIR/kafka}, MongoDB under {@code DIR/mongo}. Once both accept connections one line starting
 * with {@value #READY_PREFIX} is printed on standard output; SIGTERM/SIGINT stop both cleanly.
 */
public final class EmbeddedInfrastructure implements AutoCloseable {

    /** The start of the line printed on standard output when both servers are ready. */
    public static final String READY_PREFIX = "embedded infrastructure ready:";

    private static final String LOGBACK_CONFIG = "io/aftersales/embedded/logback-embedded.xml";

    private final Path dataDir;
    private final EmbeddedKafkaBroker kafka;
    private final EmbeddedMongoServer mongo;

    public EmbeddedInfrastructure(Path dataDir, int kafkaPort, int kafkaControllerPort, int mongoPort) {
        this.dataDir = dataDir.toAbsolutePath().normalize();
        this.kafka = new EmbeddedKafkaBroker(this.dataDir.resolve("kafka"), kafkaPort, kafkaControllerPort);
        this.mongo = new EmbeddedMongoServer(this.dataDir.resolve("mongo").resolve("aftersales.mv"), mongoPort);
    }

    /** Starts MongoDB then Kafka; if Kafka fails MongoDB is stopped again. */
    public void start() {
        LocalSigningKey.loadOrCreate(dataDir);
        mongo.start();
        try {
            kafka.start();
        } catch (RuntimeException e) {
            mongo.stop();
            throw e;
        }
    }

    /** Stops Kafka then MongoDB; safe to call more than once. */
    public void stop() {
        try {
            kafka.stop();
        } finally {
            mongo.stop();
        }
    }

    @Override
    public void close() {
        stop();
    }

    public Path dataDir() {
        return dataDir;
    }

    public EmbeddedKafkaBroker kafka() {
        return kafka;
    }

    public EmbeddedMongoServer mongo() {
        return mongo;
    }

    public String readyLine() {
        return READY_PREFIX + " kafka=" + kafka.bootstrapServers() + " mongodb=" + mongo.connectionString()
                + " data=" + dataDir;
    }

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("token")) {
            LocalToken.main(Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        if (System.getProperty("logback.configurationFile") == null) {
            // set before the first logger is created; not named logback.xml so that it never
            // hijacks the logging of applications that have this jar on their classpath
            System.setProperty("logback.configurationFile", LOGBACK_CONFIG);
        }
        Options options;
        try {
            options = Options.parse(args, System.getenv());
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            System.err.println(Options.USAGE);
            System.exit(2);
            return;
        }
        if (options.help) {
            System.out.println(Options.USAGE);
            return;
        }
        Logger log = LoggerFactory.getLogger(EmbeddedInfrastructure.class);
        EmbeddedInfrastructure infrastructure = new EmbeddedInfrastructure(
                options.dataDir, options.kafkaPort, options.kafkaControllerPort, options.mongoPort);
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            log.info("stopping embedded infrastructure");
            try {
                infrastructure.stop();
            } finally {
                stopped.countDown();
                System.out.println("embedded infrastructure stopped");
                System.out.flush();
            }
        }, "embedded-infrastructure-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            infrastructure.start();
        } catch (RuntimeException e) {
            log.error("embedded infrastructure failed to start", e);
            System.err.println("embedded infrastructure failed to start: " + e);
            System.exit(1);
            return;
        }
        System.out.println(infrastructure.readyLine());
        System.out.flush();
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static final class Options {
        static final String USAGE = """
                usage: java -jar embedded-infrastructure-exec.jar [options]
                  --data-dir=DIR               data directory (env AFTERSALES_DATA_DIR, default ./data)
                  --kafka-port=PORT            Kafka client port (env AFTERSALES_KAFKA_PORT, default 9092)
                  --kafka-controller-port=PORT KRaft controller port (env AFTERSALES_KAFKA_CONTROLLER_PORT, default Kafka port + 1)
                  --mongo-port=PORT            MongoDB port (env AFTERSALES_MONGO_PORT, default 27017)
                  --help                       this text""";

        Path dataDir;
        int kafkaPort;
        int kafkaControllerPort;
        int mongoPort;
        boolean help;

        static Options parse(String[] args, Map<String, String> env) {
            String dataDir = env.getOrDefault("AFTERSALES_DATA_DIR", "./data");
            String kafkaPort = env.getOrDefault("AFTERSALES_KAFKA_PORT", "9092");
            String controllerPort = env.get("AFTERSALES_KAFKA_CONTROLLER_PORT");
            String mongoPort = env.getOrDefault("AFTERSALES_MONGO_PORT", "27017");
            Options options = new Options();
            for (String arg : args) {
                if (arg.equals("--help") || arg.equals("-h")) {
                    options.help = true;
                    continue;
                }
                int eq = arg.indexOf('=');
                if (!arg.startsWith("--") || eq < 0) {
                    throw new IllegalArgumentException("unknown argument " + arg);
                }
                String name = arg.substring(2, eq);
                String value = arg.substring(eq + 1);
                switch (name) {
                    case "data-dir" -> dataDir = value;
                    case "kafka-port" -> kafkaPort = value;
                    case "kafka-controller-port" -> controllerPort = value;
                    case "mongo-port" -> mongoPort = value;
                    default -> throw new IllegalArgumentException("unknown option --" + name);
                }
            }
            if (dataDir.isBlank()) {
                throw new IllegalArgumentException("empty data directory");
            }
            options.dataDir = Paths.get(dataDir);
            options.kafkaPort = port("Kafka port", kafkaPort);
            options.kafkaControllerPort = controllerPort == null || controllerPort.isBlank()
                    ? options.kafkaPort + 1 : port("Kafka controller port", controllerPort);
            options.mongoPort = port("MongoDB port", mongoPort);
            if (options.kafkaControllerPort == options.kafkaPort || options.mongoPort == options.kafkaPort
                    || options.mongoPort == options.kafkaControllerPort) {
                throw new IllegalArgumentException("the Kafka, Kafka controller and MongoDB ports must differ");
            }
            return options;
        }

        private static int port(String what, String value) {
            try {
                int port = Integer.parseInt(value.trim());
                if (port < 1 || port > 65535) {
                    throw new NumberFormatException();
                }
                return port;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(what + " must be a number in 1..65535, got '" + value + "'");
            }
        }
    }
}
