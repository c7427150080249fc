package io.aftersales.ticket.query;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import io.aftersales.testing.TestInfrastructure;
import io.aftersales.testing.TestTokens;
import io.aftersales.ticket.api.StorePolicies;
import org.junit.jupiter.api.AfterEach;
import io.aftersales.ticket.TicketServiceIT;
import io.aftersales.ticket.api.ClockAlert;
import io.aftersales.ticket.api.ClockKind;
import io.aftersales.ticket.api.SlaBreached;
import io.aftersales.ticket.api.SlaWarned;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

/**
 * The clock deadlines on MongoDB: the service's clock processor schedules, moves and cancels them; several
 * {@link ClockAlarms} instances over the same collection (as separate service instances would be: one
 * Spring context, the instances built by the test with a clock it sets, over a collection of the test's
 * own so they fire no other test's deadlines) fire them through the real command bus and ticket.
 * A ticket without a reply gets its warning at 4 minutes and its breach at 5, each exactly once, with two
 * instances polling at the same moment and with an instance that dies between claiming a deadline and
 * firing it (the restart: a new instance fires it once the dead one's lease runs out).
 */
class ClockDeadlinesIT extends TicketServiceIT {

    private static final Duration LEASE = Duration.ofSeconds(30);

    @Autowired
    private ClockDeadlines deadlines;
    @Autowired
    private CommandGateway commandGateway;
    @Autowired
    private EventStore eventStore;
    @Autowired
    private StorePolicies storePolicies;

    private final MongoClient client = MongoClients.create(TestInfrastructure.mongoUri());
    private final MongoDatabase database = client.getDatabase("clock_deadlines_" + System.nanoTime());

    @AfterEach
    void dropOwnDatabase() {
        database.drop();
        client.close();
    }

    @Test
    void a_ticket_without_a_reply_is_warned_at_four_minutes_and_breached_at_five_each_once_across_instances_and_a_restart()
            throws Exception {
        String id = openInAlwaysOpenStore("buyer-clock-1");
        Instant opened = openedAt(id);
        // this test's own deadlines collection, so that its instances fire no other test's deadlines
        ClockDeadlines own = new ClockDeadlines(database);
        ClockScheduling scheduling = new ClockScheduling(eventStore, own, storePolicies, Clock.systemUTC());
        scheduling.reschedule(id);
        Instant warnAt = millisUp(opened.plus(Duration.ofMinutes(4)));
        Instant dueAt = millisUp(opened.plus(Duration.ofMinutes(5)));
        assertThat(own.pending(id)).extracting(ClockDeadlines.Deadline::alert, ClockDeadlines.Deadline::fireAt)
                .containsExactly(tuple(ClockAlert.WARNING, warnAt), tuple(ClockAlert.BREACH, dueAt));

        MutableClock clock = new MutableClock(opened.plus(Duration.ofMinutes(3)).plusSeconds(59));
        ClockAlarms instanceA = alarms(own, clock);
        ClockAlarms instanceB = alarms(own, clock);
        assertThat(instanceA.fireDue() + instanceB.fireDue()).as("nothing is due before 4 minutes").isZero();

        // 4 minutes: both instances poll at the same moment; one of them fires the warning
        clock.set(warnAt);
        assertThat(together(instanceA::fireDue, instanceB::fireDue)).isEqualTo(1);
        assertThat(events(id, SlaWarned.class)).singleElement()
                .satisfies(warned -> {
                    assertThat(warned.clock()).isEqualTo(ClockKind.FIRST_REPLY);
                    assertThat(warned.elapsed()).isBetween(Duration.ofMinutes(4), Duration.ofMinutes(4).plusMillis(1));
                    assertThat(warned.dueAt()).isEqualTo(opened.plus(Duration.ofMinutes(5)));
                });
        scheduling.reschedule(id); // what the clock processor does after the warning
        assertThat(own.pending(id)).extracting(ClockDeadlines.Deadline::alert).containsExactly(ClockAlert.BREACH);

        // 5 minutes: an instance claims the breach and dies before firing it
        clock.set(dueAt);
        assertThat(own.claimDue(clock.instant(), "instance-that-crashed", LEASE)).isNotEmpty();
        ClockAlarms restarted = alarms(own, clock);
        assertThat(together(instanceA::fireDue, restarted::fireDue)).as("the dead instance's lease holds").isZero();
        assertThat(events(id, SlaBreached.class)).isEmpty();

        // its lease runs out: the restarted instance fires it, once
        clock.set(dueAt.plus(LEASE).plusSeconds(1));
        assertThat(together(restarted::fireDue, instanceB::fireDue)).isEqualTo(1);
        clock.set(clock.instant().plus(LEASE.multipliedBy(3)));
        assertThat(together(instanceA::fireDue, instanceB::fireDue, restarted::fireDue)).isZero();
        scheduling.reschedule(id);
        assertThat(own.pending(id)).isEmpty();

        assertThat(events(id, SlaWarned.class)).hasSize(1);
        assertThat(events(id, SlaBreached.class)).singleElement()
                .satisfies(breached -> assertThat(breached.dueAt()).isEqualTo(opened.plus(Duration.ofMinutes(5))));
    }

    @Test
    void more_deadlines_due_than_one_claim_takes_are_each_claimed_by_exactly_one_of_two_instances_claiming_at_once()
            throws Exception {
        ClockDeadlines own = new ClockDeadlines(database);
        Instant due = Instant.parse("2026-11-30T10:00:00Z");
        for (int i = 0; i < 250; i++) {
            own.schedule(new ClockDeadlines.Deadline("ticket-" + i, ClockKind.FIRST_REPLY, 1, ClockAlert.BREACH,
                    due.minusSeconds(i)));
        }
        own.schedule(new ClockDeadlines.Deadline("ticket-later", ClockKind.FIRST_REPLY, 1, ClockAlert.BREACH,
                due.plusSeconds(1)));

        List<String> claimedByA = new ArrayList<>();
        List<String> claimedByB = new ArrayList<>();
        together(() -> claimAll(own, due, "instance-a", claimedByA), () -> claimAll(own, due, "instance-b", claimedByB));

        List<String> claimed = new ArrayList<>(claimedByA);
        claimed.addAll(claimedByB);
        assertThat(claimed).as("each due deadline once, none twice, the later one not yet").hasSize(250)
                .doesNotHaveDuplicates().doesNotContain("ticket-later");
        assertThat(own.claimDue(due, "instance-c", LEASE)).as("the claims hold their lease").isEmpty();
    }

    /** Claims until nothing due is left, as {@link ClockAlarms#fireDue()} does; answers how many. */
    private static int claimAll(ClockDeadlines deadlines, Instant now, String owner, List<String> claimed) {
        List<ClockDeadlines.Deadline> batch;
        while (!(batch = deadlines.claimDue(now, owner, LEASE)).isEmpty()) {
            batch.forEach(deadline -> claimed.add(deadline.ticketId()));
        }
        return claimed.size();
    }

    @Test
    void the_service_schedules_a_new_tickets_warning_and_breach_on_its_own() {
        String id = openInAlwaysOpenStore("buyer-clock-0");
        Instant opened = openedAt(id);

        await().atMost(Duration.ofSeconds(20)).until(() -> deadlines.pending(id).size() == 2);
        assertThat(deadlines.pending(id)).extracting(ClockDeadlines.Deadline::alert, ClockDeadlines.Deadline::fireAt)
                .containsExactly(tuple(ClockAlert.WARNING, millisUp(opened.plus(Duration.ofMinutes(4)))),
                        tuple(ClockAlert.BREACH, millisUp(opened.plus(Duration.ofMinutes(5)))));
    }

    @Test
    void the_first_reply_cancels_the_pending_warning_and_breach_and_the_ticket_shows_its_clock_stopped() {
        String id = openInAlwaysOpenStore("buyer-clock-2");
        await().atMost(Duration.ofSeconds(20)).until(() -> deadlines.pending(id).size() == 2);
        agent().get().uri("/api/v1/tickets/{id}/clocks", id).exchange().expectStatus().isOk()
                .expectBody()
                .jsonPath("$.length()").isEqualTo(1)
                .jsonPath("$[0].clock").isEqualTo("FIRST_REPLY")
                .jsonPath("$[0].state").isEqualTo("RUNNING")
                .jsonPath("$[0].target").isEqualTo("PT5M")
                .jsonPath("$[0].warned").isEqualTo(false)
                .jsonPath("$[0].dueAt").exists();

        agent().post().uri("/api/v1/tickets/{id}/replies", id).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("channel", "PLATFORM_CHAT", "text", "We are on it")).exchange()
                .expectStatus().isOk();

        await().atMost(Duration.ofSeconds(20)).until(() -> deadlines.pending(id).isEmpty());
        agent().get().uri("/api/v1/tickets/{id}/clocks", id).exchange().expectStatus().isOk()
                .expectBody()
                .jsonPath("$[0].state").isEqualTo("STOPPED")
                .jsonPath("$[0].dueAt").doesNotExist();
    }

    @Test
    void waiting_on_the_buyer_cancels_what_is_pending_and_the_evidence_schedules_it_again_later() {
        Map<String, Object> body = qualityTicket("buyer-clock-3", newExternalId());
        body.put("storeId", ALWAYS_OPEN_STORE);
        body.put("category", "LOGISTICS");
        body.remove("defectType");
        String id = agent().post().uri("/api/v1/tickets").contentType(MediaType.APPLICATION_JSON).bodyValue(body)
                .exchange().expectStatus().isCreated()
                .expectBody(Map.class).returnResult().getResponseBody().get("id").toString();
        await().atMost(Duration.ofSeconds(20)).until(() -> deadlines.pending(id).size() == 4);
        Instant resolutionDue = deadlines.pending(id).stream()
                .filter(d -> d.clock() == ClockKind.RESOLUTION && d.alert() == ClockAlert.BREACH)
                .findFirst().orElseThrow().fireAt();
        agent().post().uri("/api/v1/tickets/{id}/claim", id).exchange().expectStatus().isOk();

        agent().post().uri("/api/v1/tickets/{id}/evidence-requests", id).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("what", "a photo of the parcel")).exchange().expectStatus().isOk();
        await().atMost(Duration.ofSeconds(20)).until(() -> deadlines.pending(id).isEmpty());
        agent().get().uri("/api/v1/tickets/{id}/clocks", id).exchange().expectStatus().isOk()
                .expectBody()
                .jsonPath("$[0].state").isEqualTo("PAUSED")
                .jsonPath("$[1].clock").isEqualTo("RESOLUTION")
                .jsonPath("$[1].state").isEqualTo("PAUSED")
                .jsonPath("$[1].target").isEqualTo("PT48H");

        agent().post().uri("/api/v1/tickets/{id}/evidence", id).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("evidence", List.of(Map.of("kind", "PHOTO", "ref", "buyer-clock-3/parcel.jpg"))))
                .exchange().expectStatus().isOk();
        await().atMost(Duration.ofSeconds(20)).until(() -> deadlines.pending(id).size() == 4);
        assertThat(deadlines.pending(id)).filteredOn(d -> d.clock() == ClockKind.RESOLUTION
                        && d.alert() == ClockAlert.BREACH).singleElement()
                .satisfies(d -> assertThat(d.fireAt()).isAfter(resolutionDue));
    }

    @Test
    void a_platform_deadline_given_at_intake_warns_before_it_and_the_platforms_auto_approval_stops_it() {
        Map<String, Object> body = qualityTicket("buyer-clock-4", newExternalId());
        body.put("storeId", ALWAYS_OPEN_STORE);
        body.put("platform", "PINDUODUO");
        Instant deadline = Instant.now().plus(Duration.ofHours(24)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        body.put("platformDeadline", deadline.toString());
        String id = agent().post().uri("/api/v1/tickets").contentType(MediaType.APPLICATION_JSON).bodyValue(body)
                .exchange().expectStatus().isCreated()
                .expectBody(Map.class).returnResult().getResponseBody().get("id").toString();
        await().atMost(Duration.ofSeconds(20)).until(() -> deadlines.pending(id).stream()
                .anyMatch(d -> d.clock() == ClockKind.PLATFORM_RESPONSE && d.alert() == ClockAlert.BREACH
                        && d.fireAt().equals(deadline)));
        // it warns before the platform decides by itself: at 80% of the time the platform gives
        assertThat(deadlines.pending(id)).filteredOn(d -> d.clock() == ClockKind.PLATFORM_RESPONSE
                        && d.alert() == ClockAlert.WARNING).singleElement()
                .satisfies(warning -> assertThat(warning.fireAt()).isBefore(deadline)
                        .isAfter(deadline.minus(Duration.ofHours(5))));

        agent().post().uri("/api/v1/tickets/{id}/platform-decision", id).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("decision", "AUTO_APPROVED")).exchange().expectStatus().isOk();

        await().atMost(Duration.ofSeconds(20)).until(() -> deadlines.pending(id).stream()
                .noneMatch(d -> d.clock() == ClockKind.PLATFORM_RESPONSE));
        agent().get().uri("/api/v1/tickets/{id}/clocks", id).exchange().expectStatus().isOk()
                .expectBody()
                .jsonPath("$[?(@.clock == 'PLATFORM_RESPONSE')].state").isEqualTo("STOPPED");
        agent().get().uri("/api/v1/tickets/{id}/history", id).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$[?(@.event == 'PlatformAutoApproved')].actor").isEqualTo(AGENT);
        agent().post().uri("/api/v1/tickets/{id}/platform-decision", id).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("decision", "SELLER_AGREED")).exchange().expectStatus().isBadRequest();
    }

    // ---

    private WebTestClient agent() {
        return as(TestTokens.token(AGENT, List.of("AGENT"), List.of(ALWAYS_OPEN_STORE)));
    }

    private String openInAlwaysOpenStore(String buyer) {
        Map<String, Object> body = qualityTicket(buyer, newExternalId());
        body.put("storeId", ALWAYS_OPEN_STORE);
        return agent().post().uri("/api/v1/tickets").contentType(MediaType.APPLICATION_JSON).bodyValue(body)
                .exchange().expectStatus().isCreated()
                .expectBody(Map.class).returnResult().getResponseBody().get("id").toString();
    }

    private Instant openedAt(String id) {
        return Instant.parse(agent().get().uri("/api/v1/tickets/{id}", id).exchange().expectStatus().isOk()
                .expectBody(Map.class).returnResult().getResponseBody().get("openedAt").toString());
    }

    private static Instant millisUp(Instant instant) {
        Instant millis = instant.truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        return millis.equals(instant) ? millis : millis.plusMillis(1);
    }

    private ClockAlarms alarms(ClockDeadlines deadlines, Clock clock) {
        return new ClockAlarms(deadlines, commandGateway, clock, Duration.ofHours(1), LEASE);
    }

    private <T> List<T> events(String id, Class<T> type) {
        List<T> found = new ArrayList<>();
        eventStore.readEvents(id, 0).asStream().map(message -> message.getPayload())
                .filter(type::isInstance).forEach(payload -> found.add(type.cast(payload)));
        return found;
    }

    /** Runs the pollers at the same moment on their own threads; answers how many deadlines they fired. */
    @SafeVarargs
    private static int together(Callable<Integer>... pollers) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(pollers.length);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Integer>> results = new ArrayList<>();
            for (Callable<Integer> poller : pollers) {
                results.add(threads.submit(() -> {
                    start.await();
                    return poller.call();
                }));
            }
            start.countDown();
            int fired = 0;
            for (Future<Integer> result : results) {
                fired += result.get();
            }
            return fired;
        } finally {
            threads.shutdownNow();
        }
    }

    /** A clock the test sets. */
    static final class MutableClock extends Clock {

        private volatile Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void set(Instant now) {
            this.now = now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
