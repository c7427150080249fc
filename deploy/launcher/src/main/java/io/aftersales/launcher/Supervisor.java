package io.aftersales.launcher;

import io.aftersales.embedded.FreePorts;
import io.aftersales.embedded.LocalSigningKey;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Starts the embedded infrastructure, the platform sandbox (the stand-in for the platforms, the
 * warehouse and the couriers, docs/platform-sandbox.md) and the services as separate processes, exactly one way:
 * same JVM flags, environment, jars, readiness and logs for {@code ./aftersales run} and for the
 * e2e tests. Each can be killed ({@code kill -9}) and started again, or run twice.
 * {@link #close()} (also run by a shutdown hook, so on Ctrl-C and TERM) stops the services, then
 * the sandbox, then the infrastructure: TERM, and KILL after {@value #STOP_SECONDS} s.
 */
public final class Supervisor implements AutoCloseable {

    public static final Duration INFRASTRUCTURE_TIMEOUT = Duration.ofSeconds(60);
    public static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(120);
    public static final Duration SANDBOX_TIMEOUT = Duration.ofSeconds(30);
    static final int STOP_SECONDS = 20;
    /** What the embedded infrastructure prints on standard output once Kafka and MongoDB accept connections. */
    static final String READY_LINE = "embedded infrastructure ready:";
    /** What the platform sandbox prints on standard output once it serves (PlatformSandbox.READY_PREFIX). */
    static final String SANDBOX_READY_LINE = "platform sandbox ready on";

    /** Small machine: serial GC, small thread stacks. */
    static final List<String> JVM_FLAGS = List.of(
            "-XX:+UseSerialGC", "-Xss512k", "-XX:+ExitOnOutOfMemoryError");
    /**
     * The JIT: the embedded infrastructure (the MongoDB-protocol server does half the system's work
     * under load, in tight loops) gets the full tiered JIT with C2; the services and the sandbox
     * C1 only, for a quick start of five Spring JVMs on two cores (ADR 0176, docs/benchmarks.md).
     */
    static final List<String> INFRASTRUCTURE_HEAP = List.of("-Xms64m", "-Xmx1g");
    static final List<String> SERVICE_HEAP = List.of("-XX:TieredStopAtLevel=1", "-Xms64m", "-Xmx384m");
    static final List<String> SANDBOX_HEAP = List.of("-XX:TieredStopAtLevel=1", "-Xms16m", "-Xmx128m");

    private final Path root;
    private final Path dataDir;
    private final boolean freePorts;
    private final int kafkaPort;
    private final int kafkaControllerPort;
    private final int mongoPort;
    private final int sandboxPort;
    private final Progress progress;
    private final LocalSigningKey signingKey;
    private final List<ManagedProcess> services = new ArrayList<>();
    /** Processes that watch the system (Prometheus for {@code run --monitoring}): stopped first. */
    private final List<ManagedProcess> helpers = new ArrayList<>();
    private final Thread shutdownHook = new Thread(this::stopAll, "aftersales-stop");
    private ManagedProcess infrastructure;
    private ManagedProcess sandbox;
    private boolean stopped;

    private Supervisor(Path root, Path dataDir, boolean freePorts, int kafkaPort, int kafkaControllerPort,
                       int mongoPort, int sandboxPort, Progress progress) {
        this.root = root.toAbsolutePath().normalize();
        this.dataDir = dataDir.toAbsolutePath().normalize();
        this.freePorts = freePorts;
        this.kafkaPort = kafkaPort;
        this.kafkaControllerPort = kafkaControllerPort;
        this.mongoPort = mongoPort;
        this.sandboxPort = sandboxPort;
        this.progress = progress;
        try {
            Files.createDirectories(logDir());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the log directory " + logDir(), e);
        }
        this.signingKey = LocalSigningKey.loadOrCreate(this.dataDir);
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** {@code ./aftersales run}: the ports of the {@link ServiceTable}, Kafka's controller on the next port. */
    public static Supervisor onTablePorts(Path root, Path dataDir, int kafkaPort, int mongoPort, Progress progress) {
        return onTablePorts(root, dataDir, kafkaPort, mongoPort, ServiceTable.SANDBOX_PORT, progress);
    }

    /** {@link #onTablePorts(Path, Path, int, int, Progress)} with the platform sandbox on {@code sandboxPort}. */
    public static Supervisor onTablePorts(Path root, Path dataDir, int kafkaPort, int mongoPort, int sandboxPort,
                                          Progress progress) {
        return new Supervisor(root, dataDir, false, kafkaPort, kafkaPort + 1, mongoPort, sandboxPort, progress);
    }

    /** Tests: every process on free ports, so that tests never collide with a running system or each other. */
    public static Supervisor onFreePorts(Path root, Path dataDir) {
        List<Integer> ports = FreePorts.distinct(4);
        return new Supervisor(root, dataDir, true, ports.get(0), ports.get(1), ports.get(2), ports.get(3),
                Progress.console());
    }

    /** {@link #onFreePorts(Path, Path)} in the repository at {@link #root()}. */
    public static Supervisor onFreePorts(Path dataDir) {
        return onFreePorts(root(), dataDir);
    }

    /** The repository root: the system property {@code aftersales.root} (the shims and the build set it), else here. */
    public static Path root() {
        return Path.of(System.getProperty("aftersales.root", "")).toAbsolutePath().normalize();
    }

    public Path dataDir() {
        return dataDir;
    }

    public Path logDir() {
        return dataDir.resolve("logs");
    }

    public String kafkaBootstrapServers() {
        return "localhost:" + kafkaPort;
    }

    public String mongoUri() {
        return "mongodb://localhost:" + mongoPort;
    }

    /** The platform sandbox: what every service gets as {@code AFTERSALES_SANDBOX_URL}. */
    public String sandboxUrl() {
        return "http://localhost:" + sandboxPort;
    }

    /** A bearer token signed with the data directory's local key, valid for an hour. */
    public String token(String user, List<String> roles, List<String> stores) {
        return signingKey.issueToken(user, roles, stores, Duration.ofHours(1));
    }

    /** Every port this supervisor will listen on, by what uses it. */
    public Map<Integer, String> ports() {
        Map<Integer, String> ports = new LinkedHashMap<>();
        ports.put(kafkaPort, "Kafka");
        ports.put(kafkaControllerPort, "Kafka controller");
        ports.put(mongoPort, "MongoDB");
        ports.put(sandboxPort, "platform sandbox");
        if (!freePorts) {
            for (ServiceTable.Service service : ServiceTable.SERVICES) {
                ports.put(service.apiPort(), service.name() + " API");
                ports.put(service.managementPort(), service.name() + " management");
            }
        }
        return ports;
    }

    /** The jars this supervisor starts that the build has not made (yet). */
    public List<Path> missingJars() {
        List<Path> jars = new ArrayList<>();
        jars.add(root.resolve(ServiceTable.INFRASTRUCTURE_JAR));
        jars.add(root.resolve(ServiceTable.SANDBOX_JAR));
        ServiceTable.SERVICES.forEach(service -> jars.add(service.jar(root)));
        return jars.stream().filter(jar -> !Files.isRegularFile(jar)).toList();
    }

    /**
     * Starts Kafka and MongoDB in one process and waits for its ready line, then the platform
     * sandbox unless it is running (so that this can be called again after
     * {@link #killInfrastructureHard()}).
     */
    public synchronized Supervisor startInfrastructure() {
        startEmbeddedInfrastructure();
        return startSandbox();
    }

    /** Starts Kafka and MongoDB in one process and waits for its ready line. */
    public synchronized Supervisor startEmbeddedInfrastructure() {
        long started = System.nanoTime();
        LogFile log = LogFile.startRun(logDir().resolve("infrastructure.log"), "the embedded infrastructure");
        List<String> command = java(INFRASTRUCTURE_HEAP);
        command.addAll(List.of("-jar", jar(root.resolve(ServiceTable.INFRASTRUCTURE_JAR)).toString(),
                "--data-dir=" + dataDir, "--kafka-port=" + kafkaPort,
                "--kafka-controller-port=" + kafkaControllerPort, "--mongo-port=" + mongoPort));
        infrastructure = new ManagedProcess("the embedded infrastructure", launch(command, Map.of(), log), log);
        long lastReport = System.nanoTime();
        while (!log.thisRun().contains("\n" + READY_LINE)) {
            if (!infrastructure.isAlive()) {
                throw new StartupFailure("the embedded infrastructure exited during startup, see " + log.file()
                        + ":\n" + log.tail(40));
            }
            if (System.nanoTime() - started > INFRASTRUCTURE_TIMEOUT.toNanos()) {
                throw new StartupFailure("the embedded infrastructure was not ready within "
                        + INFRASTRUCTURE_TIMEOUT.toSeconds() + "s, see " + log.file() + ":\n" + log.tail(40));
            }
            if (System.nanoTime() - lastReport >= Progress.HEARTBEAT.toNanos()) {
                progress.info("still waiting for Kafka and MongoDB (" + Progress.elapsed(started) + ")");
                lastReport = System.nanoTime();
            }
            ServiceProcess.pause(Duration.ofMillis(200));
        }
        return this;
    }

    public ManagedProcess infrastructure() {
        return infrastructure;
    }

    /** Starts the platform sandbox on its port, keeping its ledger in DATA/sandbox, unless it is running. */
    public synchronized Supervisor startSandbox() {
        if (stopped) {
            throw new IllegalStateException("stopping: no new processes");
        }
        if (sandbox != null && sandbox.isAlive()) {
            return this;
        }
        long started = System.nanoTime();
        LogFile log = LogFile.startRun(logDir().resolve("sandbox.log"), "the platform sandbox");
        List<String> command = java(SANDBOX_HEAP);
        command.addAll(List.of("-jar", jar(root.resolve(ServiceTable.SANDBOX_JAR)).toString(),
                "--port=" + sandboxPort, "--data-dir=" + dataDir));
        sandbox = new ManagedProcess("the platform sandbox", launch(command, Map.of(), log), log);
        while (!log.thisRun().contains("\n" + SANDBOX_READY_LINE)) {
            if (!sandbox.isAlive()) {
                throw new StartupFailure("the platform sandbox exited during startup, see " + log.file() + ":\n"
                        + log.tail(40));
            }
            if (System.nanoTime() - started > SANDBOX_TIMEOUT.toNanos()) {
                throw new StartupFailure("the platform sandbox was not ready within " + SANDBOX_TIMEOUT.toSeconds()
                        + "s, see " + log.file() + ":\n" + log.tail(40));
            }
            ServiceProcess.pause(Duration.ofMillis(50));
        }
        return this;
    }

    /** Starts a process that watches the system (logging to {@code <name>.log}); it is stopped with the rest. */
    public synchronized ManagedProcess startHelper(String name, List<String> command) {
        if (stopped) {
            throw new IllegalStateException("stopping: no new processes");
        }
        LogFile log = LogFile.startRun(logDir().resolve(name + ".log"), name);
        ManagedProcess helper = new ManagedProcess(name, launch(command, Map.of(), log), log);
        helpers.add(helper);
        return helper;
    }

    /** The platform sandbox's process (null before {@link #startSandbox()}). */
    public synchronized ManagedProcess sandbox() {
        return sandbox;
    }

    /** {@code kill -9} of the embedded infrastructure: Kafka and MongoDB vanish at once. */
    public void killInfrastructureHard() throws InterruptedException {
        infrastructure.killHard();
    }

    /** {@code ./aftersales run}: a service on its ports of the table, logging to {@code <name>.log}. */
    public ServiceProcess start(ServiceTable.Service service) {
        return start(service, null);
    }

    /**
     * One instance of a service; {@code instance} tells two instances of one service apart (its log
     * is {@code <name>-<instance>.log}, its Kafka client id {@link #clientId}). On free ports unless
     * this supervisor runs on the table's ports.
     */
    public ServiceProcess start(String name, String instance) {
        return start(ServiceTable.service(name), instance, Map.of());
    }

    /**
     * As {@link #start(String, String)}, with more environment variables (over the supervisor's own):
     * e.g. a test hook of a service (refund-service's {@code AFTERSALES_REFUNDS_FAULTINJECTION_HALTAT}).
     */
    public ServiceProcess start(String name, String instance, Map<String, String> extraEnvironment) {
        return start(ServiceTable.service(name), instance, extraEnvironment);
    }

    private ServiceProcess start(ServiceTable.Service service, String instance) {
        return start(service, instance, Map.of());
    }

    private synchronized ServiceProcess start(ServiceTable.Service service, String instance,
                                              Map<String, String> extraEnvironment) {
        if (stopped) {
            throw new IllegalStateException("stopping: no new processes");
        }
        int apiPort = freePorts ? FreePorts.next() : service.apiPort();
        int managementPort = freePorts ? FreePorts.next() : service.managementPort();
        String label = instance == null ? service.name() : service.name() + "-" + instance;
        LogFile log = LogFile.startRun(logDir().resolve(label + ".log"), label);
        List<String> command = java(SERVICE_HEAP);
        command.addAll(List.of("-jar", jar(service.jar(root)).toString(),
                "--server.port=" + apiPort, "--management.server.port=" + managementPort,
                "--spring.data.mongodb.database=" + service.database()));
        if (instance != null) {
            command.add("--spring.kafka.client-id=" + clientId(service.name(), instance));
        }
        Map<String, String> environment = new LinkedHashMap<>(Map.of(
                "AFTERSALES_SANDBOX_URL", sandboxUrl(),
                "SPRING_KAFKA_BOOTSTRAP_SERVERS", kafkaBootstrapServers(),
                "SPRING_DATA_MONGODB_URI", mongoUri(),
                "SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_PUBLIC_KEY_LOCATION", signingKey.publicKeyFile().toUri().toString()));
        environment.putAll(extraEnvironment);
        ServiceProcess process = new ServiceProcess(service.name(), launch(command, environment, log), apiPort,
                managementPort, log);
        services.add(process);
        return process;
    }

    /** The Kafka client id prefix of one instance, so that a consumer group shows which instance holds what. */
    public static String clientId(String name, String instance) {
        return name + "-" + instance;
    }

    /**
     * Waits until every given service is ready, reporting each as it gets there and the ones still
     * pending every few seconds; fails at once when one exits or the infrastructure stops.
     */
    public void awaitReady(List<ServiceProcess> starting, Duration timeout) {
        long started = System.nanoTime();
        long lastReport = started;
        List<ServiceProcess> pending = new ArrayList<>(starting);
        while (true) {
            for (ServiceProcess service : List.copyOf(pending)) {
                if (!service.isAlive()) {
                    throw new StartupFailure(service.name() + " exited during startup (exit code "
                            + service.process().exitValue() + "), see " + service.log().file() + ":\n"
                            + service.log().tail(40));
                }
                if (ServiceProcess.isReady(service.managementPort())) {
                    pending.remove(service);
                    progress.ok(service.name() + " ready after " + Progress.elapsed(started));
                }
            }
            if (pending.isEmpty()) {
                return;
            }
            if (infrastructure != null && !infrastructure.isAlive()) {
                throw new StartupFailure("the embedded infrastructure stopped unexpectedly, see "
                        + infrastructure.log().file() + ":\n" + infrastructure.log().tail(40));
            }
            List<String> names = pending.stream().map(ManagedProcess::name).toList();
            if (System.nanoTime() - started > timeout.toNanos()) {
                StringBuilder tails = new StringBuilder();
                pending.forEach(s -> tails.append("\n---- ").append(s.log().file()).append(" ----\n")
                        .append(s.log().tail(40)));
                throw new StartupFailure("not ready within " + timeout.toSeconds() + "s: "
                        + String.join(", ", names) + tails);
            }
            if (System.nanoTime() - lastReport >= Progress.HEARTBEAT.toNanos()) {
                progress.info("still waiting for " + String.join(", ", names) + " (" + Progress.elapsed(started) + ")");
                lastReport = System.nanoTime();
            }
            ServiceProcess.pause(Duration.ofMillis(500));
        }
    }

    /** True once {@link #close()} (or the shutdown hook on Ctrl-C/TERM) began stopping everything. */
    public synchronized boolean stopping() {
        return stopped;
    }

    public synchronized List<ManagedProcess> services() {
        return List.copyOf(services);
    }

    /** Stops everything (services first, then the infrastructure); safe to call more than once. */
    @Override
    public void close() {
        stopAll();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // already shutting down: the hook is what called us
        }
    }

    private void stopAll() {
        List<ManagedProcess> running;
        ManagedProcess infra;
        ManagedProcess platforms;
        synchronized (this) {
            if (stopped) {
                return;
            }
            stopped = true;
            running = java.util.stream.Stream.concat(helpers.stream(), services.stream())
                    .filter(ManagedProcess::isAlive).toList();
            infra = infrastructure;
            platforms = sandbox;
        }
        if (!running.isEmpty()) {
            progress.step("stopping the services");
            stop(running);
        }
        if (platforms != null && platforms.isAlive()) {
            progress.step("stopping the platform sandbox");
            stop(List.of(platforms));
        }
        if (infra != null && infra.isAlive()) {
            progress.step("stopping the embedded infrastructure");
            stop(List.of(infra));
        }
        if (!running.isEmpty() || infra != null || platforms != null) {
            progress.ok("stopped");
        }
    }

    /** TERM to every process, then KILL to those still running after {@value #STOP_SECONDS} s. */
    private void stop(List<ManagedProcess> processes) {
        processes.forEach(p -> p.process().destroy());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(STOP_SECONDS);
        for (ManagedProcess p : processes) {
            try {
                long left = deadline - System.nanoTime();
                if (left <= 0 || !p.process().waitFor(left, TimeUnit.NANOSECONDS)) {
                    progress.warn(p + " still running after " + STOP_SECONDS + "s, killing it");
                    p.process().destroyForcibly();
                    p.process().waitFor(5, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                p.process().destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }

    private Process launch(List<String> command, Map<String, String> environment, LogFile log) {
        ProcessBuilder builder = new ProcessBuilder(command).directory(root.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.file().toFile()));
        builder.environment().putAll(environment);
        try {
            return builder.start();
        } catch (IOException e) {
            throw new StartupFailure("cannot start " + command + ": " + e.getMessage());
        }
    }

    private static List<String> java(List<String> heap) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(JVM_FLAGS);
        command.addAll(heap);
        return command;
    }

    private static Path jar(Path jar) {
        if (!Files.isRegularFile(jar)) {
            throw new StartupFailure(jar + " is missing: build first (./mvnw -DskipTests package, or ./aftersales run)");
        }
        return jar;
    }

    /** True when something accepts TCP connections on localhost:port. */
    public static boolean inUse(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 300);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
