package io.aftersales.e2e;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;

/**
 * The whole system as a user starts it: {@code ./aftersales run} from the repository root, with its
 * data in a directory of the test's choosing. Stopped the way a user stops it, with Ctrl-C (SIGINT).
 */
final class RunningSystem implements AutoCloseable {

    static final List<Integer> MANAGEMENT_PORTS = List.of(9081, 9082, 9083, 9084);
    static final List<Integer> API_PORTS = List.of(8081, 8082, 8083, 8084);
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Process process;
    private final Path output;
    private List<ProcessHandle> started = List.of();

    private RunningSystem(Process process, Path output) {
        this.process = process;
        this.output = output;
    }

    static Path root() {
        return Path.of(System.getProperty("aftersales.root", "..")).toAbsolutePath().normalize();
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
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                    URI.create("http://localhost:" + managementPort + "/actuator/health/readiness"))
                    .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 && response.body().contains("\"UP\"");
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
        started.forEach(ProcessHandle::destroyForcibly);
    }
}
