package io.aftersales.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import io.aftersales.embedded.FreePorts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The platform sandbox as {@code ./aftersales run} and the e2e tests start it: its own process, from its exec jar. */
class SupervisorSandboxTest {

    @TempDir
    Path dataDir;

    @Test
    void the_supervisor_starts_the_sandbox_process_once_waits_for_its_line_and_stops_it_on_close() throws Exception {
        ManagedProcess sandbox;
        int port;
        try (Supervisor system = Supervisor.onFreePorts(dataDir)) {
            system.startSandbox();
            sandbox = system.sandbox();
            port = URI.create(system.sandboxUrl()).getPort();

            HttpResponse<String> health = ServiceProcess.HTTP.send(
                    HttpRequest.newBuilder(URI.create(system.sandboxUrl() + "/health")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(system.ports()).containsEntry(port, "platform sandbox");
            assertThat(system.startSandbox().sandbox()).as("already running: not started twice").isSameAs(sandbox);
            assertThat(Files.readString(dataDir.resolve("logs").resolve("sandbox.log")))
                    .contains("platform sandbox ready on " + system.sandboxUrl());
            HttpResponse<String> payout = ServiceProcess.HTTP.send(HttpRequest.newBuilder(
                            URI.create(system.sandboxUrl() + "/sandbox/v1/payouts"))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"requestNo\":\"R-1\",\"platform\":\"JD\","
                            + "\"storeId\":\"s\",\"orderId\":\"o\",\"refundId\":\"R-1\","
                            + "\"amount\":{\"amount\":\"1.00\",\"currency\":\"CNY\"}}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(payout.statusCode()).isEqualTo(200);
            assertThat(dataDir.resolve("sandbox").resolve("ledger.jsonl")).as("the ledger is in DATA/sandbox").isNotEmptyFile();
        }
        assertThat(sandbox.isAlive()).isFalse();
        await().atMost(Duration.ofSeconds(10)).until(() -> FreePorts.isFree(port));
    }
}
