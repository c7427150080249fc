package io.aftersales.e2e;

import io.aftersales.launcher.ServiceProcess;
import io.aftersales.launcher.ServiceTable;
import io.aftersales.launcher.Supervisor;

import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;

/**
 * The whole system as a user starts it: {@code ./aftersales run} from the repository root (the shim,
 * then the launcher), with its data in a directory of the test's choosing. Stopped the way a user
 * stops it, with Ctrl-C (SIGINT). Ports and readiness come from the launcher's {@link ServiceTable}
 * and {@link ServiceProcess}.
 */
final class RunningSystem implements AutoCloseable {

    static final List<Integer> MANAGEMENT_PORTS = ServiceTable.managementPorts();
    static final List<Integer> API_PORTS = ServiceTable.apiPorts();
    static final HttpClient HTTP = ServiceProcess.HTTP;

    private final Process process;
    private final Path output;
    private List<ProcessHandle> started = List.of();

    private RunningSystem(Process process, Path output) {
        this.process = process;
        this.output = output;
    }

    static Path root() {
        return Supervisor.root();
    }

    /** {@code ./aftersales token ...}, as the README tells a newcomer to get a token. */
    static String token(Path dataDir, String... args) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of("bash", root().resolve("aftersales").toString(), "token"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(root().toFile());
        builder.environment().put("AFTERSALES_DATA_DIR", dataDir.toString());
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes()).strip();
        if (process.waitFor() != 0) {
            throw new IllegalStateException("aftersales token failed: " + new String(process.getErrorStream().readAllBytes()));
        }
        return out;
    }

    static RunningSystem start(Path dataDir) throws IOException {
        // another system on the table's ports would answer in this one's place (with another signing key)
        List<Integer> busy = java.util.stream.Stream.of(API_PORTS, MANAGEMENT_PORTS).flatMap(List::stream)
                .filter(RunningSystem::listening).toList();
        if (!busy.isEmpty()) {
            throw new IllegalStateException("ports " + busy + " are in use: stop the system running there first");
        }
        Path root = root();
        Path output = Files.createTempFile("aftersales-run", ".log");
        ProcessBuilder builder = new ProcessBuilder("bash", root.resolve("aftersales").toString(), "run")
                .directory(root.toFile())
                .redirectErrorStream(true)
                .redirectOutput(output.toFile());
        builder.environment().put("AFTERSALES_DATA_DIR", dataDir.toString());
        return new RunningSystem(builder.start(), output);
    }

    /** Waits until every service reports ready, as the run command promises within two minutes. */
    RunningSystem awaitHealthy(Duration timeout) {
        await().atMost(timeout).pollInterval(Duration.ofSeconds(1))
                .failFast(() -> {
                    if (!process.isAlive()) {
                        throw new IllegalStateException("aftersales run exited early:\n" + outputTail());
                    }
                })
                .until(() -> MANAGEMENT_PORTS.stream().allMatch(port -> isUp(port)));
        started = process.descendants().toList();
        return this;
    }

    String output() {
        try {
            return Files.readString(output);
        } catch (IOException e) {
            return "";
        }
    }

    private String outputTail() {
        String text = output();
        return text.length() > 4000 ? text.substring(text.length() - 4000) : text;
    }

    List<ProcessHandle> startedProcesses() {
        return started;
    }

    /** Ctrl-C: SIGINT to the run command, then wait for it to finish stopping everything. */
    int interrupt(Duration timeout) throws IOException, InterruptedException {
        new ProcessBuilder("kill", "-INT", Long.toString(process.pid())).inheritIO().start().waitFor();
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException("aftersales run did not stop within " + timeout + ":\n" + outputTail());
        }
        return process.exitValue();
    }

    static boolean isUp(int managementPort) {
        return ServiceProcess.isReady(managementPort);
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
        started.forEach(ProcessHandle::destroyForcibly);
    }

    private static boolean listening(int port) {
        try (java.net.Socket socket = new java.net.Socket()) {
            socket.connect(new java.net.InetSocketAddress("localhost", port), 200);
            return true;
        } catch (IOException notListening) {
            return false;
        }
    }
}
