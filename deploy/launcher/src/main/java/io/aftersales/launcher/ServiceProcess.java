package io.aftersales.launcher;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** One running instance of a service, on its API and management ports. */
public final class ServiceProcess extends ManagedProcess {

    /** The one HTTP client of the launcher, the demo, the benchmark and the e2e tests. */
    public static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final int apiPort;
    private final int managementPort;

    ServiceProcess(String name, Process process, int apiPort, int managementPort, LogFile log) {
        super(name, process, log);
        this.apiPort = apiPort;
        this.managementPort = managementPort;
    }

    public int apiPort() {
        return apiPort;
    }

    public int managementPort() {
        return managementPort;
    }

    /** Waits until the service answers ready; fails at once, with its log's tail, if it exits first. */
    public ServiceProcess awaitReady(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!isReady(managementPort)) {
            if (!isAlive()) {
                throw new StartupFailure(name() + " exited during startup (exit code " + process().exitValue()
                        + "), see " + log().file() + ":\n" + log().tail(40));
            }
            if (System.nanoTime() > deadline) {
                throw new StartupFailure(name() + " was not ready within " + timeout.toSeconds() + "s, see "
                        + log().file() + ":\n" + log().tail(40));
            }
            pause(Duration.ofMillis(500));
        }
        return this;
    }

    public String api(String path) {
        return "http://localhost:" + apiPort + path;
    }

    public HttpResponse<String> get(String path, String token) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(api(path)))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<String> post(String path, String json, String token) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(api(path)))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** 200 from {@code /actuator/health/readiness} on the management port: what "ready" means everywhere. */
    public static boolean isReady(int managementPort) {
        try {
            HttpResponse<Void> response = HTTP.send(HttpRequest.newBuilder(
                            URI.create("http://localhost:" + managementPort + "/actuator/health/readiness"))
                    .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StartupFailure("interrupted while waiting");
        }
    }
}
