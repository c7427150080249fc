package io.aftersales.launcher;

import java.nio.file.Path;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * The one table of the platform's processes: each service with its API port, management port and
 * MongoDB database, and the default ports of the embedded infrastructure and the platform sandbox. {@code ./aftersales run}, the
 * e2e tests, the demo and the benchmark read it; {@code ServiceTableTest} checks that every
 * service's {@code application.yml} says the same.
 */
public final class ServiceTable {

    /** One service: its module (and jar) name, its ports and its database. */
    public record Service(String name, int apiPort, int managementPort, String database) {

        /** The executable jar the build makes, relative to the repository root. */
        public Path jar(Path root) {
            return root.resolve(name).resolve("target").resolve(name + "-exec.jar");
        }

        public String apiUrl() {
            return "http://localhost:" + apiPort;
        }

        public String managementUrl() {
            return "http://localhost:" + managementPort;
        }
    }

    public static final Service TICKETS = new Service("ticket-service", 8081, 9081, "aftersales_tickets");
    public static final Service REFUNDS = new Service("refund-service", 8082, 9082, "aftersales_refunds");
    public static final Service LOGISTICS = new Service("logistics-service", 8083, 9083, "aftersales_logistics");
    public static final Service FEEDBACK = new Service("feedback-service", 8084, 9084, "aftersales_feedback");

    /** In start order. */
    public static final List<Service> SERVICES = List.of(TICKETS, REFUNDS, LOGISTICS, FEEDBACK);

    /** Kafka's client port; its KRaft controller listens on the next port. */
    public static final int KAFKA_PORT = 9092;
    public static final int MONGO_PORT = 27017;
    /** The platform sandbox, the stand-in for the platforms, the warehouse and the couriers (docs/platform-sandbox.md). */
    public static final int SANDBOX_PORT = 8090;

    /** The embedded infrastructure's executable jar, relative to the repository root. */
    public static final String INFRASTRUCTURE_JAR = "deploy/embedded/target/embedded-infrastructure-exec.jar";
    /** The platform sandbox's executable jar, relative to the repository root. */
    public static final String SANDBOX_JAR = "deploy/sandbox/target/platform-sandbox-exec.jar";
    /** The launcher's own executable jar (what the {@code aftersales} shims run). */
    public static final String LAUNCHER_JAR = "deploy/launcher/target/aftersales-launcher-exec.jar";

    private ServiceTable() {
    }

    public static Service service(String name) {
        return SERVICES.stream().filter(s -> s.name().equals(name)).findFirst()
                .orElseThrow(() -> new NoSuchElementException("no service " + name + " in " + SERVICES));
    }

    public static List<Integer> apiPorts() {
        return SERVICES.stream().map(Service::apiPort).toList();
    }

    public static List<Integer> managementPorts() {
        return SERVICES.stream().map(Service::managementPort).toList();
    }
}
