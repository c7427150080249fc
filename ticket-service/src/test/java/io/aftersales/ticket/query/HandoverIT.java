package io.aftersales.ticket.query;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import io.aftersales.testing.TestInfrastructure;
import io.aftersales.testing.TestTokens;
import io.aftersales.ticket.TicketServiceIT;
import io.aftersales.ticket.api.Actors;
import io.aftersales.ticket.api.EscalateTicket;
import io.aftersales.ticket.api.HandoverPolicy;
import io.aftersales.ticket.api.StorePolicies;
import io.aftersales.ticket.api.TicketEscalated;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The night-shift handover (晚班交接): at 23:00 store time the tickets left open become the night's list, an
 * item is cleared by an agent, and what nobody cleared by 12:00 the next day is escalated, once, by one of
 * several desks polling at the same moment. As in {@link ClockDeadlinesIT}, the desks are built by the test
 * with a clock it sets, over a deadlines collection of the test's own (they fire no other test's tasks), and
 * the lists go to the service's {@code handovers} collection, read through its endpoints. Each test has
 * stores of its own (default policy: 23:00 and 12:00 Asia/Shanghai).
 */
class HandoverIT extends TicketServiceIT {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final Duration LEASE = Duration.ofSeconds(30);

    @Autowired
    private Handovers handovers;
    @Autowired
    private MongoDatabase serviceDatabase;
    @Autowired
    private StorePolicies storePolicies;
    @Autowired
    private CommandGateway commandGateway;
    @Autowired
    private EventStore eventStore;
    @Autowired
    private TicketMetrics metrics;
    @LocalManagementPort
    private int managementPort;

    private final MongoClient client = MongoClients.create(TestInfrastructure.mongoUri());
    private final MongoDatabase database = client.getDatabase("handover_deadlines_" + System.nanoTime());
    /** Tomorrow in the stores' zone, so every ticket of the test is opened before its shift ends. */
    private final LocalDate night = LocalDate.now(SHANGHAI).plusDays(1);
    private final Instant shiftEnd = night.atTime(23, 0).atZone(SHANGHAI).toInstant();
    private final Instant noon = night.plusDays(1).atTime(12, 0).atZone(SHANGHAI).toInstant();

    @AfterEach
    void dropOwnDatabase() {
        database.drop();
        client.close();
    }

    @Test
    void the_list_of_a_night_holds_exactly_the_tickets_left_open_and_clearing_one_takes_it_off_the_outstanding_ones() {
        String store = "night-store-" + UUID.randomUUID();
        WebTestClient agent = agentOf(store);
        String waiting = open(agent, store);
        String untouched = open(agent, store);
        String cancelled = open(agent, store);
        agent.post().uri("/api/v1/tickets/{id}/cancellation", cancelled).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("reason", "BUYER_WITHDREW")).exchange().expectStatus().isOk();
        agent.post().uri("/api/v1/tickets/{id}/claim", waiting).exchange().expectStatus().isOk();
        await().atMost(Duration.ofSeconds(20)).until(() -> serviceDatabase.getCollection("ticket_summaries")
                .countDocuments(Filters.and(Filters.eq("storeId", store), Filters.in("status", "CANCELLED",
                        "IN_PROGRESS"))) == 2);

        ClockDeadlinesIT.MutableClock clock = new ClockDeadlinesIT.MutableClock(shiftEnd.minusSeconds(60));
        HandoverDesk desk = desk(clock);
        desk.plan(List.of(store));
        assertThat(desk.fireDue()).as("the shift has not ended").isZero();
        agent.get().uri("/api/v1/handovers/{date}?storeId={store}", night, store).exchange()
                .expectStatus().isNotFound();

        clock.set(shiftEnd);
        desk.plan(List.of(store));
        assertThat(desk.fireDue()).isEqualTo(1);
        agent.get().uri("/api/v1/handovers/{date}?storeId={store}", night, store).exchange().expectStatus().isOk()
                .expectBody()
                .jsonPath("$.storeId").isEqualTo(store)
                .jsonPath("$.date").isEqualTo(night.toString())
                .jsonPath("$.shiftEndedAt").isEqualTo(shiftEnd.toString())
                .jsonPath("$.clearBy").isEqualTo(noon.toString())
                .jsonPath("$.items.length()").isEqualTo(2)
                .jsonPath("$.items[?(@.ticketId == '%s')].statusAtShiftEnd".formatted(waiting)).isEqualTo("IN_PROGRESS")
                .jsonPath("$.items[?(@.ticketId == '%s')].statusAtShiftEnd".formatted(untouched)).isEqualTo("NEW")
                .jsonPath("$.outstanding.length()").isEqualTo(2);
        assertThat(outstandingMetric(store)).isEqualTo(2.0);

        // a second desk, or the same one polling again, writes nothing more
        assertThat(desk(clock).fireDue() + desk.fireDue()).isZero();

        agent.post().uri("/api/v1/handovers/{date}/items/{id}/clear", night, waiting).exchange().expectStatus().isOk()
                .expectBody()
                .jsonPath("$.outstanding").isEqualTo(List.of(untouched))
                .jsonPath("$.items[?(@.ticketId == '%s')].clearedBy".formatted(waiting)).isEqualTo(AGENT)
                .jsonPath("$.items[?(@.ticketId == '%s')].clearedAt".formatted(waiting)).exists()
                .jsonPath("$.items[?(@.ticketId == '%s')].clearedBy".formatted(untouched)).doesNotExist();
        // clearing it again keeps who cleared it first
        as(TestTokens.token("supervisor-2", List.of("SUPERVISOR"), List.of(store))).post()
                .uri("/api/v1/handovers/{date}/items/{id}/clear", night, waiting).exchange().expectStatus().isOk()
                .expectBody()
                .jsonPath("$.items[?(@.ticketId == '%s')].clearedBy".formatted(waiting)).isEqualTo(AGENT);
        assertThat(outstandingMetric(store)).isEqualTo(1.0);
    }

    @Test
    void an_item_nobody_cleared_escalates_at_noon_once_across_desks_and_a_cleared_one_does_not() throws Exception {
        String store = "night-store-" + UUID.randomUUID();
        WebTestClient agent = agentOf(store);
        String cleared = open(agent, store);
        String forgotten = open(agent, store);
        await().atMost(Duration.ofSeconds(20)).until(() -> serviceDatabase.getCollection("ticket_summaries")
                .countDocuments(Filters.eq("storeId", store)) == 2);
        ClockDeadlinesIT.MutableClock clock = new ClockDeadlinesIT.MutableClock(shiftEnd.minusSeconds(1));
        HandoverDesk deskA = desk(clock);
        HandoverDesk deskB = desk(clock);
        deskA.plan(List.of(store));
        deskB.plan(List.of(store));
        clock.set(shiftEnd.plusSeconds(5));
        assertThat(together(deskA, deskB)).isEqualTo(1);
        agent.post().uri("/api/v1/handovers/{date}/items/{id}/clear", night, cleared).exchange().expectStatus().isOk();

        clock.set(noon.minusSeconds(1));
        assertThat(deskA.fireDue() + deskB.fireDue()).as("not noon yet").isZero();
        assertThat(escalations(forgotten)).isEmpty();

        // noon: both desks poll at the same moment; one of them escalates the forgotten item, once
        clock.set(noon);
        assertThat(together(deskA, deskB)).isEqualTo(1);
        assertThat(escalations(forgotten)).singleElement().satisfies(escalated -> {
            assertThat(escalated.reason()).isEqualTo("night-shift handover not cleared by noon");
            assertThat(escalated.escalatedBy()).isEqualTo(Actors.SYSTEM);
            assertThat(escalated.escalatedAt()).isEqualTo(noon);
        });
        assertThat(escalations(cleared)).isEmpty();
        agent.get().uri("/api/v1/handovers/{date}?storeId={store}", night, store).exchange().expectStatus().isOk()
                .expectBody()
                .jsonPath("$.outstanding.length()").isEqualTo(0)
                .jsonPath("$.items[?(@.ticketId == '%s')].atClearBy".formatted(forgotten)).isEqualTo("ESCALATED")
                .jsonPath("$.items[?(@.ticketId == '%s')].escalatedAt".formatted(forgotten)).isEqualTo(noon.toString());

        // later polls fire nothing; the same escalation delivered again (a desk died after sending it) records nothing
        clock.set(noon.plus(LEASE.multipliedBy(3)));
        assertThat(together(deskA, deskB)).isZero();
        Boolean again = commandGateway.sendAndWait(new EscalateTicket(forgotten, HandoverPolicy.NOT_CLEARED, noon,
                Actors.SYSTEM, noon.plusSeconds(90)));
        assertThat(again).isFalse();
        assertThat(escalations(forgotten)).hasSize(1);
        agent.get().uri("/api/v1/tickets?storeId={store}&waitingOnMe=true", store).exchange().expectStatus().isOk();
    }

    @Test
    void another_stores_list_and_item_answer_404_and_roles_without_the_handover_answer_403() {
        String store = "night-store-" + UUID.randomUUID();
        String ticket = open(agentOf(store), store);
        await().atMost(Duration.ofSeconds(20)).until(() -> serviceDatabase.getCollection("ticket_summaries")
                .countDocuments(Filters.eq("storeId", store)) == 1);
        ClockDeadlinesIT.MutableClock clock = new ClockDeadlinesIT.MutableClock(shiftEnd);
        HandoverDesk desk = desk(clock);
        desk.plan(List.of(store));
        assertThat(desk.fireDue()).isEqualTo(1);

        WebTestClient otherStore = agentOf("night-store-other");
        otherStore.get().uri("/api/v1/handovers/{date}?storeId={store}", night, store).exchange()
                .expectStatus().isNotFound().expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
        otherStore.post().uri("/api/v1/handovers/{date}/items/{id}/clear", night, ticket).exchange()
                .expectStatus().isNotFound().expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);

        for (String role : List.of("WAREHOUSE", "LOGISTICS", "QA")) {
            as(TestTokens.token("user-" + role, List.of(role), List.of(store))).get()
                    .uri("/api/v1/handovers/{date}?storeId={store}", night, store).exchange().expectStatus().isForbidden();
        }
        for (String role : List.of("WAREHOUSE", "LOGISTICS", "QA", "ADMIN")) {
            as(TestTokens.token("user-" + role, List.of(role), List.of(store))).post()
                    .uri("/api/v1/handovers/{date}/items/{id}/clear", night, ticket).exchange()
                    .expectStatus().isForbidden();
        }
        as(TestTokens.token("admin-1", List.of("ADMIN"), List.of())).get()
                .uri("/api/v1/handovers/{date}?storeId={store}", night, store).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.items.length()").isEqualTo(1);
        anonymous.get().uri("/api/v1/handovers/{date}?storeId={store}", night, store).exchange()
                .expectStatus().isUnauthorized();
    }

    @Test
    void a_bad_date_or_ticket_answers_400_or_404_as_problem_json_never_500() {
        String store = "night-store-" + UUID.randomUUID();
        WebTestClient agent = agentOf(store);
        List<String> dates = List.of("2026-13-01", "2026-02-30", "tomorrow", "20261201", "-1", "2026-12-01T00:00",
                "9".repeat(300), "2026-12-01'", "2026-12-01 ");
        List<String> tickets = List.of("nope", "x' OR '1'='1", "x".repeat(600), "{\"$gt\":\"\"}", "\u00e9\u00e9");
        for (String date : dates) {
            problem(date, 400, agent.get().uri("/api/v1/handovers/{date}?storeId={store}", date, store));
            problem(date, 400, agent.post().uri("/api/v1/handovers/{date}/items/some-ticket/clear", date));
        }
        for (String ticket : tickets) {
            problem(ticket, 404, agent.post().uri("/api/v1/handovers/{date}/items/{ticket}/clear", night, ticket));
        }
        // an encoded NUL or slash is refused by Spring Security's request firewall before any controller:
        // 400 without a body (the platform's, on every endpoint)
        for (String date : List.of("\u0000", "../2026-12-01", "2026-12-01;x=1")) {
            agent.get().uri("/api/v1/handovers/{date}?storeId={store}", date, store).exchange()
                    .expectStatus().isBadRequest();
        }
        agent.get().uri("/api/v1/handovers/{date}", night).exchange().expectStatus().isBadRequest()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
        agent.get().uri("/api/v1/handovers/{date}?storeId={store}", "+999999999-12-31", store).exchange()
                .expectStatus().isNotFound();
    }

    // ---

    private static void problem(String input, int status, WebTestClient.RequestHeadersSpec<?> request) {
        var result = request.exchange().expectBody(String.class).returnResult();
        assertThat(result.getStatus().value()).as("status for %s", input).isEqualTo(status);
        assertThat(result.getResponseHeaders().getContentType()).as("content type for %s", input)
                .satisfies(type -> assertThat(MediaType.APPLICATION_PROBLEM_JSON.isCompatibleWith(type)).isTrue());
    }

    private WebTestClient agentOf(String store) {
        return as(TestTokens.token(AGENT, List.of("AGENT"), List.of(store)));
    }

    private String open(WebTestClient agent, String store) {
        Map<String, Object> body = qualityTicket("buyer-night", newExternalId());
        body.put("storeId", store);
        return agent.post().uri("/api/v1/tickets").contentType(MediaType.APPLICATION_JSON).bodyValue(body)
                .exchange().expectStatus().isCreated()
                .expectBody(Map.class).returnResult().getResponseBody().get("id").toString();
    }

    private HandoverDesk desk(Clock clock) {
        return new HandoverDesk(handovers, new ClockDeadlines(database), serviceDatabase, storePolicies,
                commandGateway, clock, Duration.ofHours(1), LEASE);
    }

    private List<TicketEscalated> escalations(String id) {
        List<TicketEscalated> found = new ArrayList<>();
        eventStore.readEvents(id, 0).asStream().map(message -> message.getPayload())
                .filter(TicketEscalated.class::isInstance).forEach(payload -> found.add((TicketEscalated) payload));
        return found;
    }

    private double outstandingMetric(String store) {
        metrics.refresh();
        String text = anonymous.mutate().baseUrl("http://localhost:" + managementPort).build().get()
                .uri("/actuator/prometheus").exchange().expectStatus().isOk().expectBody(String.class)
                .returnResult().getResponseBody();
        return text.lines().filter(line -> line.startsWith("aftersales_ticket_handover_items_outstanding{")
                        && line.contains("store=\"" + store + "\""))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
    }

    /** Both desks poll at the same moment on their own threads; answers how many tasks they fired. */
    private static int together(HandoverDesk a, HandoverDesk b) throws Exception {
        CompletableFuture<Integer> first = CompletableFuture.supplyAsync(a::fireDue);
        CompletableFuture<Integer> second = CompletableFuture.supplyAsync(b::fireDue);
        return first.get() + second.get();
    }
}
