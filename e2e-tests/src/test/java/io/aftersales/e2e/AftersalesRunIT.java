package io.aftersales.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jwt.JWTClaimsSet;
import io.aftersales.embedded.FreePorts;
import io.aftersales.embedded.LocalSigningKey;
import io.aftersales.testing.TopicReader;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.aftersales.e2e.RunningSystem.HTTP;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The README's promise, checked on the real processes: {@code ./aftersales run} brings up the
 * embedded Kafka and MongoDB-protocol server and four healthy services within two minutes, a
 * ticket goes through the API onto Kafka, Ctrl-C leaves no process behind, and a second start
 * keeps the tickets.
 */
class AftersalesRunIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dataDir;

    @Test
    void run_starts_everything_publishes_tickets_stops_cleanly_and_keeps_data_on_restart() throws Exception {
        String ticketId;
        try (RunningSystem system = RunningSystem.start(dataDir).awaitHealthy(Duration.ofMinutes(2))) {
            for (int port : RunningSystem.MANAGEMENT_PORTS) {
                String metrics = get("http://localhost:" + port + "/actuator/prometheus", null).body();
                assertThat(metrics).contains("application=\"");
            }
            String admin = RunningSystem.token(dataDir, "--user", "root", "--roles", "ADMIN");
            for (int port : RunningSystem.API_PORTS) {
                assertThat(get("http://localhost:" + port + "/actuator/env", null).statusCode()).isEqualTo(401);
                assertThat(get("http://localhost:" + port + "/actuator/env", admin).statusCode()).isEqualTo(404);
            }
            everyServiceRefusesInvalidTokens();

            String agent = RunningSystem.token(dataDir, "--user", "agent-e2e", "--roles", "AGENT", "--stores", "jd-sports-01");
            ticketId = openQualityTicket(agent);
            List<ConsumerRecord<String, byte[]>> published = readTicketEvents(ticketId, 2);
            assertThat(published).extracting(r -> TopicReader.header(r, "ce_type"))
                    .containsExactly("aftersales.ticket.opened.v1", "aftersales.ticket.defect-reported.v1");

            List<ProcessHandle> processes = system.startedProcesses();
            assertThat(processes).as("infrastructure, sandbox and four services").hasSizeGreaterThanOrEqualTo(6);
            system.interrupt(Duration.ofSeconds(60));
            await().atMost(Duration.ofSeconds(10)).until(() -> processes.stream().noneMatch(ProcessHandle::isAlive));
            for (int port : List.of(8081, 8082, 8083, 8084, 9081, 9082, 9083, 9084, 9092, 27017, 8090)) {
                assertThat(FreePorts.isFree(port)).as("port %d released", port).isTrue();
            }
        }

        try (RunningSystem again = RunningSystem.start(dataDir).awaitHealthy(Duration.ofMinutes(2))) {
            String agent = RunningSystem.token(dataDir, "--user", "agent-e2e", "--roles", "AGENT", "--stores", "jd-sports-01");
            HttpResponse<String> ticket = get("http://localhost:8081/api/v1/tickets/" + ticketId, agent);
            assertThat(ticket.statusCode()).isEqualTo(200);
            assertThat(JSON.readTree(ticket.body()).get("batch").asText()).isEqualTo("B2026-11-A");
            again.interrupt(Duration.ofSeconds(60));
        }
    }

    /** No token, an expired one, one signed by another key, one for another audience: 401 problem, everywhere. */
    private void everyServiceRefusesInvalidTokens() throws Exception {
        LocalSigningKey localKey = LocalSigningKey.loadOrCreate(dataDir);
        Instant now = Instant.now();
        List<String> invalid = java.util.Arrays.asList(
                null,
                localKey.sign(claims(LocalSigningKey.AUDIENCE, now.minusSeconds(7200), now.minusSeconds(3600))),
                LocalSigningKey.loadOrCreate(dataDir.resolve("not-our-key")).issueToken("mallory", List.of("ADMIN"),
                        List.of("*"), Duration.ofHours(1)),
                localKey.sign(claims("another-system", now, now.plusSeconds(3600))));
        for (int port : RunningSystem.API_PORTS) {
            for (String token : invalid) {
                HttpResponse<String> response = get("http://localhost:" + port + "/api/v1/anything", token);
                assertThat(response.statusCode()).as("port %d, token %s", port, token).isEqualTo(401);
                assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                        type -> assertThat(type).startsWith("application/problem+json"));
            }
        }
    }

    private static JWTClaimsSet claims(String audience, Instant issued, Instant expires) {
        return new JWTClaimsSet.Builder().issuer(LocalSigningKey.ISSUER).audience(audience).subject("mallory")
                .claim("roles", List.of("ADMIN")).issueTime(Date.from(issued)).expirationTime(Date.from(expires)).build();
    }

    private static String openQualityTicket(String token) throws Exception {
        String body = JSON.writeValueAsString(Map.ofEntries(
                Map.entry("storeId", "jd-sports-01"), Map.entry("platform", "JD"),
                Map.entry("orderId", "JD-" + UUID.randomUUID()), Map.entry("externalId", "AS-" + UUID.randomUUID()),
                Map.entry("buyerId", "buyer-e2e"), Map.entry("vip", true), Map.entry("sku", "SH-778-42"),
                Map.entry("styleCode", "SH-778"), Map.entry("batch", "B2026-11-A"), Map.entry("quantity", 1),
                Map.entry("paidAmount", Map.of("amount", "399.00", "currency", "CNY")),
                Map.entry("category", "QUALITY"), Map.entry("defectType", "SOLE_SEPARATION"),
                Map.entry("description", "Sole came off after a week")));
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:8081/api/v1/tickets"))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        JsonNode created = JSON.readTree(response.body());
        return created.get("id").asText();
    }

    private static List<ConsumerRecord<String, byte[]>> readTicketEvents(String ticketId, int count) {
        try (TopicReader reader = TopicReader.fromBeginning("localhost:9092", "aftersales.tickets.v1")) {
            return reader.awaitRecords(r -> ticketId.equals(r.key()), count, Duration.ofSeconds(30));
        }
    }

    private static HttpResponse<String> get(String url, String token) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
