package io.aftersales.ticket.query;

import io.aftersales.testing.TestTokens;
import io.aftersales.ticket.TicketServiceIT;
import io.aftersales.ticket.api.ClockAlert;
import io.aftersales.ticket.api.ClockKind;
import io.aftersales.ticket.api.RecordClockAlert;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.SubscribingEventProcessor;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The clock meters on the management port's {@code /actuator/prometheus}: time to first reply by store and
 * platform, warnings by clock and store, open tickets by state and store. Each ticket in a store of its own
 * (or, for the warning that needs a 24/7 desk, the count before and after), so the tests share the context.
 */
class TicketMetricsIT extends TicketServiceIT {

    @Autowired
    private CommandGateway commandGateway;
    @Autowired
    private TicketMetrics metrics;
    @Autowired
    private EventProcessingConfiguration processing;
    @LocalManagementPort
    private int managementPort;

    @Test
    void a_first_reply_a_warning_and_an_open_ticket_show_on_the_management_port_with_their_tags() {
        String store = "metrics-store-" + UUID.randomUUID();
        WebTestClient agent = as(TestTokens.token(AGENT, List.of("AGENT"), List.of(store, ALWAYS_OPEN_STORE)));
        String storeTag = "store=\"" + store + "\"";

        // a ticket that gets its first reply (and a second one, which is not a first reply)
        String replied = open(agent, store);
        reply(agent, replied);
        reply(agent, replied);
        String afterReply = await().atMost(Duration.ofSeconds(10)).until(this::prometheus,
                text -> !lines(text, "aftersales_ticket_time_to_first_reply_seconds_count{", storeTag).isEmpty());
        assertThat(lines(afterReply, "aftersales_ticket_time_to_first_reply_seconds_count{", storeTag))
                .singleElement().satisfies(line -> {
                    assertThat(line).contains("platform=\"TMALL\"");
                    assertThat(line).endsWith(" 1");
                });
        assertThat(lines(afterReply, "aftersales_ticket_time_to_first_reply_seconds_bucket{", storeTag))
                .anyMatch(line -> line.contains("le=\"+Inf\"") && line.endsWith(" 1"));
        // and counted as opened, once, by store and platform
        assertThat(lines(afterReply, "aftersales_tickets_opened_total{", storeTag))
                .singleElement().satisfies(line -> assertThat(line).contains("platform=\"TMALL\"").endsWith(" 1.0"));

        // a ticket of the 24/7 store warned at 4 minutes
        double warningsBefore = counter(prometheus(), "aftersales_ticket_sla_warnings_total{",
                "clock=\"FIRST_REPLY\"", "store=\"" + ALWAYS_OPEN_STORE + "\"");
        String warned = open(agent, ALWAYS_OPEN_STORE);
        Instant openedAt = Instant.parse(agent.get().uri("/api/v1/tickets/{id}", warned).exchange().expectStatus().isOk()
                .expectBody(Map.class).returnResult().getResponseBody().get("openedAt").toString());
        Boolean recorded = commandGateway.sendAndWait(new RecordClockAlert(warned, ClockKind.FIRST_REPLY, 1,
                ClockAlert.WARNING, openedAt.plus(Duration.ofMinutes(4))));
        assertThat(recorded).isTrue();
        assertThat(counter(prometheus(), "aftersales_ticket_sla_warnings_total{", "clock=\"FIRST_REPLY\"",
                "store=\"" + ALWAYS_OPEN_STORE + "\"")).isEqualTo(warningsBefore + 1);

        // the open ticket of the store, by its state, from the ticket list
        String withOpen = await().atMost(Duration.ofSeconds(20)).until(() -> {
            metrics.refresh();
            return prometheus();
        }, text -> lines(text, "aftersales_tickets_open{", storeTag).stream().mapToDouble(TicketMetricsIT::value)
                .sum() == 1.0);
        assertThat(lines(withOpen, "aftersales_tickets_open{", storeTag))
                .anyMatch(line -> line.matches(".*state=\"(NEW|IN_PROGRESS)\".*") && line.endsWith(" 1.0"));
    }

    @Test
    void the_meters_count_events_in_a_subscribing_processor_so_a_replay_counts_nothing_again() {
        assertThat(processing.eventProcessor(TicketMetrics.PROCESSING_GROUP))
                .get().isInstanceOf(SubscribingEventProcessor.class);
    }

    private String open(WebTestClient agent, String store) {
        Map<String, Object> body = qualityTicket("buyer-metrics", newExternalId());
        body.put("storeId", store);
        return agent.post().uri("/api/v1/tickets").contentType(MediaType.APPLICATION_JSON).bodyValue(body)
                .exchange().expectStatus().isCreated()
                .expectBody(Map.class).returnResult().getResponseBody().get("id").toString();
    }

    private static void reply(WebTestClient agent, String id) {
        agent.post().uri("/api/v1/tickets/{id}/replies", id).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("channel", "PLATFORM_CHAT", "text", "We are on it")).exchange()
                .expectStatus().isOk();
    }

    private String prometheus() {
        return anonymous.mutate().baseUrl("http://localhost:" + managementPort).build().get()
                .uri("/actuator/prometheus").exchange().expectStatus().isOk().expectBody(String.class)
                .returnResult().getResponseBody();
    }

    private static List<String> lines(String metrics, String prefix, String... containing) {
        return metrics.lines().filter(line -> line.startsWith(prefix))
                .filter(line -> List.of(containing).stream().allMatch(line::contains)).toList();
    }

    private static double counter(String metrics, String prefix, String... containing) {
        return lines(metrics, prefix, containing).stream().mapToDouble(TicketMetricsIT::value).sum();
    }

    private static double value(String line) {
        return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
    }
}
