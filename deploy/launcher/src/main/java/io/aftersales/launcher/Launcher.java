package io.aftersales.launcher;

import io.aftersales.embedded.LocalSigningKey;
import io.aftersales.embedded.LocalToken;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * {@code ./aftersales <command>}: the shims {@code aftersales} and {@code aftersales.cmd} find Java
 * 17, build this jar if it is missing and run it with {@code -Daftersales.root=<repository>} from
 * the repository root.
 */
public final class Launcher {

    private final Path root;
    private final Map<String, String> env;
    private final Progress progress;

    Launcher(Path root, Map<String, String> env, Progress progress) {
        this.root = root.toAbsolutePath().normalize();
        this.env = env;
        this.progress = progress;
    }

    public static void main(String[] args) {
        System.exit(new Launcher(Supervisor.root(), System.getenv(), Progress.console()).execute(args));
    }

    int execute(String[] args) {
        if (args.length == 0) {
            System.err.print(usage());
            return 2;
        }
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        try {
            return switch (args[0]) {
                case "run" -> run(rest);
                case "token" -> token(rest);
                case "demo" -> demo(rest);
                case "bench" -> bench(rest);
                case "logs" -> logs(rest);
                case "help", "-h", "--help" -> {
                    System.out.print(usage());
                    yield 0;
                }
                default -> {
                    progress.error("unknown command '" + args[0] + "'");
                    System.err.print(usage());
                    yield 2;
                }
            };
        } catch (StartupFailure e) {
            progress.error(e.getMessage());
            return 1;
        }
    }

    // ------------------------------------------------------------------------------------ run

    private int run(String[] args) {
        boolean follow = false;
        boolean monitoring = false;
        for (String arg : args) {
            if (arg.equals("--follow") || arg.equals("-f")) {
                follow = true;
            } else if (arg.equals("--monitoring")) {
                monitoring = true;
            } else {
                progress.error("run takes no argument but --follow and --monitoring, got '" + arg + "'");
                System.err.print(usage());
                return 2;
            }
        }
        long started = System.nanoTime();
        Path dataDir = dataDir();
        int kafkaPort = port("AFTERSALES_KAFKA_PORT", ServiceTable.KAFKA_PORT);
        int mongoPort = port("AFTERSALES_MONGO_PORT", ServiceTable.MONGO_PORT);
        int sandboxPort = port("AFTERSALES_SANDBOX_PORT", ServiceTable.SANDBOX_PORT);
        Supervisor system = Supervisor.onTablePorts(root, dataDir, kafkaPort, mongoPort, sandboxPort, progress);

        List<String> busy = system.ports().entrySet().stream().filter(port -> Supervisor.inUse(port.getKey()))
                .map(port -> port.getKey() + " (" + port.getValue() + ")").toList();
        if (!busy.isEmpty()) {
            progress.error("port(s) " + String.join(", ", busy) + " already in use. Is another './aftersales run'"
                    + " (or a local Kafka/MongoDB) running?");
            return 1;
        }
        build(system.missingJars());

        try {
            progress.step("starting the embedded infrastructure (Kafka " + system.kafkaBootstrapServers() + ", MongoDB "
                    + system.mongoUri() + ", data " + dataDir + ")");
            long step = System.nanoTime();
            system.startEmbeddedInfrastructure();
            ManagedProcess infrastructure = system.infrastructure();
            if (follow) {
                infrastructure.log().follow(line -> System.out.println("[infrastructure] " + line));
            }
            progress.ok("infrastructure ready in " + Progress.elapsed(step) + " (pid " + infrastructure.pid() + ", log "
                    + infrastructure.log().file() + ")");

            progress.step("starting the platform sandbox (" + system.sandboxUrl()
                    + ", the stand-in for the platforms, the warehouse and the couriers)");
            step = System.nanoTime();
            system.startSandbox();
            ManagedProcess sandbox = system.sandbox();
            if (follow) {
                sandbox.log().follow(line -> System.out.println("[sandbox] " + line));
            }
            progress.ok("platform sandbox ready in " + Progress.elapsed(step) + " (pid " + sandbox.pid() + ", log "
                    + sandbox.log().file() + ")");

            progress.step("starting the services");
            List<ServiceProcess> services = new ArrayList<>();
            for (ServiceTable.Service service : ServiceTable.SERVICES) {
                ServiceProcess process = system.start(service);
                services.add(process);
                progress.info(service.name() + " started (pid " + process.pid() + ", log " + process.log().file() + ")");
                if (follow) {
                    process.log().follow(line -> System.out.println("[" + service.name() + "] " + line));
                }
            }
            progress.step("waiting for the services to be ready (up to " + Supervisor.STARTUP_TIMEOUT.toSeconds() + "s)");
            system.awaitReady(services, Supervisor.STARTUP_TIMEOUT);
            progress.ok("everything is ready after " + Progress.elapsed(started));
            String prometheus = monitoring ? monitoring(system) : null;
            printSummary(system);
            if (prometheus != null) {
                System.out.printf("%-18s %s%n%n", "Prometheus", prometheus + " (alerts: " + prometheus + "/alerts)");
                System.out.flush();
            }
            return supervise(system, services);
        } catch (StartupFailure e) {
            if (system.stopping()) {
                return 130; // Ctrl-C or TERM during startup: the shutdown hook is stopping everything
            }
            throw e;
        }
    }

    /** {@code --monitoring}: Prometheus when the binary is on the PATH (Monitoring), else how to get one. */
    private String monitoring(Supervisor system) {
        java.util.Optional<Path> binary = Monitoring.findPrometheus(env.get("PATH"));
        if (binary.isEmpty()) {
            progress.warn(Monitoring.howToGetPrometheus());
            return null;
        }
        progress.step("starting Prometheus (" + binary.get() + ")");
        return Monitoring.start(system, root, binary.get(), port("AFTERSALES_PROMETHEUS_PORT", Monitoring.DEFAULT_PORT),
                progress);
    }

    /** Stays in the foreground until Ctrl-C or TERM (the supervisor's shutdown hook stops everything). */
    private int supervise(Supervisor system, List<ServiceProcess> services) {
        List<ManagedProcess> reported = new ArrayList<>();
        while (true) {
            ServiceProcess.pause(Duration.ofSeconds(2));
            if (system.stopping()) {
                return 130; // Ctrl-C or TERM: the shutdown hook stops everything, this thread just waits for it
            }
            for (ServiceProcess service : services) {
                if (!service.isAlive() && !reported.contains(service)) {
                    reported.add(service);
                    progress.error(service.name() + " has stopped; the others keep running, Ctrl-C stops everything");
                    progress.logTail(service.name(), service.log(), 40);
                }
            }
            if (!system.sandbox().isAlive() && !reported.contains(system.sandbox())) {
                reported.add(system.sandbox());
                progress.error("the platform sandbox has stopped: payouts, warehouse and courier calls fail until"
                        + " the next './aftersales run'; Ctrl-C stops everything");
                progress.logTail("sandbox", system.sandbox().log(), 40);
            }
            if (!system.infrastructure().isAlive()) {
                progress.error("the embedded infrastructure has stopped; stopping the services");
                progress.logTail("infrastructure", system.infrastructure().log(), 40);
                system.close();
                return 1;
            }
        }
    }

    private void printSummary(Supervisor system) {
        String format = "%-18s %-29s %-39s %s%n";
        System.out.printf("%nThe after-sales platform is running.%n%n");
        System.out.printf(format, "SERVICE", "API", "HEALTH", "METRICS");
        for (ServiceTable.Service service : ServiceTable.SERVICES) {
            System.out.printf(format, service.name(), service.apiUrl() + "/api/v1",
                    service.managementUrl() + "/actuator/health", service.managementUrl() + "/actuator/prometheus");
        }
        System.out.println();
        System.out.printf("%-18s %s%n", "Kafka", system.kafkaBootstrapServers());
        System.out.printf("%-18s %s%n", "MongoDB", system.mongoUri());
        System.out.printf("%-18s %-29s %s%n", "platform sandbox", system.sandboxUrl(),
                "stand-in for the platforms, the warehouse and the couriers (docs/platform-sandbox.md)");
        System.out.printf("%-18s %s%n", "data", system.dataDir());
        System.out.printf("%-18s %s%n", "logs", system.logDir());
        System.out.printf("%nPress Ctrl-C to stop everything.%n");
        System.out.flush();
    }

    /** Builds the modules whose jars are missing (never this launcher's own jar, which is running). */
    private void build(List<Path> missing) {
        if (missing.isEmpty()) {
            return;
        }
        List<String> modules = missing.stream().map(jar -> root.relativize(jar).getParent().getParent().toString()
                .replace('\\', '/')).toList();
        progress.step("building " + String.join(", ", modules)
                + " (missing jars); the first build downloads dependencies and takes a few minutes");
        boolean windows = System.getProperty("os.name").startsWith("Windows");
        List<String> command = new ArrayList<>(windows ? List.of("cmd", "/c", root.resolve("mvnw.cmd").toString())
                : List.of(root.resolve("mvnw").toString()));
        command.addAll(List.of("-q", "-B", "-DskipTests", "package", "-pl", String.join(",", modules), "-am"));
        long started = System.nanoTime();
        try {
            Process maven = new ProcessBuilder(command).directory(root.toFile()).inheritIO().start();
            while (!maven.waitFor(Progress.HEARTBEAT.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
                progress.info("still building (" + Progress.elapsed(started) + ")");
            }
            if (maven.exitValue() != 0) {
                throw new StartupFailure("the build failed (see the Maven output above)");
            }
        } catch (IOException e) {
            throw new StartupFailure("cannot run the Maven wrapper: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StartupFailure("interrupted while building");
        }
        for (Path jar : missing) {
            if (!Files.isRegularFile(jar)) {
                throw new StartupFailure("the build finished but " + jar + " is still missing");
            }
        }
        progress.ok("built in " + Progress.elapsed(started));
    }

    // ------------------------------------------------------------------------------------ the rest

    private int token(String[] args) {
        boolean dataDirGiven = Arrays.stream(args).anyMatch(arg -> arg.startsWith("--data-dir"));
        LocalToken.main(dataDirGiven ? args
                : Stream.concat(Stream.of("--data-dir=" + dataDir()), Arrays.stream(args)).toArray(String[]::new));
        return 0;
    }

    private int demo(String[] args) throws StartupFailure {
        if (args.length > 0) {
            progress.error("demo takes no arguments");
            return 2;
        }
        requireRunning();
        LocalSigningKey key = LocalSigningKey.loadOrCreate(dataDir());
        String admin = key.issueToken("demo", List.of("ADMIN"), List.of(), Duration.ofHours(1));
        String agent = key.issueToken(Demo.AGENT, List.of("AGENT"), List.of(Demo.CASE_STORE), Duration.ofHours(1));
        String supervisor = key.issueToken(Demo.SUPERVISOR, List.of("SUPERVISOR"), List.of(Demo.CASE_STORE),
                Duration.ofHours(1));
        String warehouse = key.issueToken(Demo.WAREHOUSE, List.of("WAREHOUSE"), List.of(Demo.CASE_STORE),
                Duration.ofHours(1));
        String logistics = key.issueToken(Demo.LOGISTICS, List.of("LOGISTICS"), List.of(Demo.CASE_STORE),
                Duration.ofHours(1));
        return call(() -> Demo.run(admin, agent, supervisor, warehouse, logistics));
    }

    private int bench(String[] args) {
        if (args.length > 0 && args[0].equals("store")) {
            return storeBench(Arrays.copyOfRange(args, 1, args.length));
        }
        requireRunning();
        String token = LocalSigningKey.loadOrCreate(dataDir()).issueToken("bench", List.of("ADMIN"), List.of("*"),
                Duration.ofHours(1));
        return call(() -> Benchmark.run(token, args));
    }

    /** {@code bench store [...]}: the event store engines on their own server, in their own JVM (ADR 0170). */
    private int storeBench(String[] args) {
        Path jar = root.resolve("deploy/benchmarks/target/store-benchmark-exec.jar");
        build(Files.isRegularFile(jar) ? List.of() : List.of(jar));
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar.toString()));
        command.addAll(Arrays.asList(args));
        return call(() -> {
            int exit = new ProcessBuilder(command).directory(root.toFile()).inheritIO().start().waitFor();
            if (exit != 0) {
                throw new IllegalStateException("the store benchmark exited with " + exit);
            }
        });
    }

    /** {@code logs [NAME...] [--lines N]}: the last lines of the logs in DATA/logs (all of them without a name). */
    private int logs(String[] args) {
        int lines = 40;
        List<String> names = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            if ((args[i].equals("--lines") || args[i].equals("-n")) && i + 1 < args.length) {
                lines = Integer.parseInt(args[++i]);
            } else {
                names.add(args[i]);
            }
        }
        Path logDir = dataDir().resolve("logs");
        if (names.isEmpty()) {
            names.add("infrastructure");
            names.add("sandbox");
            ServiceTable.SERVICES.forEach(service -> names.add(service.name()));
        }
        int status = 0;
        for (String name : names) {
            Path file = logDir.resolve(name + ".log");
            if (Files.isRegularFile(file)) {
                System.out.println("---- last lines of " + file + " ----");
                System.out.print(LogFile.whole(file).tail(lines));
            } else {
                progress.error("no log " + file);
                status = 1;
            }
        }
        return status;
    }

    private void requireRunning() {
        String down = Stream.of(ServiceTable.TICKETS, ServiceTable.FEEDBACK)
                .filter(service -> !ServiceProcess.isReady(service.managementPort()))
                .map(ServiceTable.Service::name).collect(Collectors.joining(", "));
        if (!down.isEmpty()) {
            throw new StartupFailure(down + " not ready: start the system first (./aftersales run in another terminal)");
        }
    }

    private interface Program {
        void run() throws Exception;
    }

    private int call(Program program) {
        try {
            program.run();
            return 0;
        } catch (IllegalArgumentException | IllegalStateException e) {
            progress.error(e.getMessage());
            return 1;
        } catch (Exception e) {
            progress.error(e.toString());
            return 1;
        }
    }

    /** {@code AFTERSALES_DATA_DIR} or {@code ./data}, relative to the repository root. */
    Path dataDir() {
        Path dataDir = root.resolve(env.getOrDefault("AFTERSALES_DATA_DIR", "data")).normalize();
        try {
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new StartupFailure("cannot create the data directory " + dataDir + ": " + e.getMessage());
        }
        return dataDir;
    }

    private int port(String variable, int otherwise) {
        String value = env.get(variable);
        if (value == null || value.isBlank()) {
            return otherwise;
        }
        try {
            int port = Integer.parseInt(value.strip());
            if (port > 0 && port < 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new StartupFailure(variable + " must be a port number, got '" + value + "'");
    }

    static String usage() {
        String ports = ServiceTable.SERVICES.stream()
                .map(s -> s.name() + " " + s.apiPort() + "/" + s.managementPort()).collect(Collectors.joining(", "));
        return """
                Usage: ./aftersales <command>

                Commands:
                  run     Build what is missing, start the embedded infrastructure (Kafka, MongoDB-protocol
                          server), the platform sandbox (a stand-in for the platforms, the warehouse and the
                          couriers) and the four services, wait until all are healthy and print their URLs.
                          Ctrl-C stops everything. Data survives between runs. With --follow, every
                          process's log is streamed to the console as well. With --monitoring, also a
                          Prometheus scraping the services (when 'prometheus' is on the PATH), with the
                          alert rules of deploy/prometheus; docs/operations.md.
                  token   Print a bearer token for the local system, signed with the data directory's key:
                            ./aftersales token --user alice --roles AGENT --stores tmall-flagship
                          (roles: AGENT SUPERVISOR WAREHOUSE LOGISTICS QA ADMIN; ADMIN and QA see every store;
                          --ttl 8h by default). Use it as: curl -H "Authorization: Bearer $TOKEN" ...
                  demo    Against the running system (./aftersales run in another terminal): opens ordinary
                          tickets in five stores while one production batch goes bad, and shows the product
                          being delisted, production alerted and the open tickets marked, with timings;
                          then works one quality case from intake to closed, step by step (its refund
                          paid by the platform sandbox), and a return-and-refund and a refund before
                          shipment to paid.
                  bench   Against the running system: ticket intake throughput and latency percentiles, and
                          the time from a fifth defect report to the delisting. Arguments: [tickets=2000]
                          [clients=16] [bursts=20] [styles=400]. Results are in docs/benchmarks.md.
                          bench store [events=20000] [threads=8] [contention=400]: the event store engines on
                          their own embedded server (needs nothing running; docs/benchmarks.md, "Store").
                  logs    The last lines of the logs in DATA/logs: ./aftersales logs [NAME...] [--lines 40]
                          (NAME: infrastructure, sandbox or a service; all of them without a name).
                  help    Show this help.

                Environment:
                  AFTERSALES_DATA_DIR     data and logs directory (default ./data; logs in DATA/logs)
                  AFTERSALES_KAFKA_PORT   Kafka port of the embedded infrastructure (default %d;
                                          its KRaft controller uses the next port)
                  AFTERSALES_MONGO_PORT   MongoDB port of the embedded infrastructure (default %d)
                  AFTERSALES_SANDBOX_PORT port of the platform sandbox (default %d); the services get its URL
                                          as AFTERSALES_SANDBOX_URL
                  AFTERSALES_SANDBOX_SECRET  secret of the sandbox's signed notifications (default sandbox-secret)
                  AFTERSALES_PROMETHEUS_PORT  port of the local Prometheus of run --monitoring (default 9090)
                  JAVA_HOME               Java 17+ to use (default: java on the PATH)

                Ports (API/management): %s.
                """.formatted(ServiceTable.KAFKA_PORT, ServiceTable.MONGO_PORT, ServiceTable.SANDBOX_PORT, ports);
    }
}
