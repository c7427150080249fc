package io.aftersales.ticket.query;

import io.aftersales.ticket.api.ClockAlert;
import java.time.Duration;
import io.aftersales.ticket.api.ReplyChannel;
import io.aftersales.ticket.api.ReplyRecorded;
import io.aftersales.ticket.api.ClockKind;
import io.aftersales.ticket.api.SlaWarned;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import io.aftersales.ticket.api.BatchDefectConfirmed;
import io.aftersales.ticket.api.Category;
import io.aftersales.ticket.api.FindTickets;
import io.aftersales.ticket.api.TicketStatus;
import io.aftersales.ticket.api.Money;
import io.aftersales.ticket.api.Platform;
import io.aftersales.ticket.api.RemarkAdded;
import io.aftersales.ticket.api.TicketOpened;
import io.aftersales.testing.InMemoryMongo;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.lang.reflect.Method;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The ticket list's writes are idempotent and never go back in a ticket's history: a processor that
 * lost its claim may still deliver an old batch after a newer one (handlers called directly, on an
 * in-memory MongoDB server).
 */
class TicketSummaryProjectionTest {

    private static final Instant T0 = Instant.parse("2026-11-23T02:00:00Z");

    @RegisterExtension
    static final InMemoryMongo MONGO = new InMemoryMongo();

    private MongoDatabase database;
    private TicketSummaryProjection projection;

    @BeforeEach
    void freshDatabase() {
        database = MONGO.freshDatabase("summaries");
        projection = new TicketSummaryProjection(database);
    }

    @Test
    void an_old_ticket_opened_after_a_newer_event_does_not_take_the_ticket_back() {
        projection.on(opened("t-1"), 0);
        projection.on(confirmed("t-1", "inc-1"), 2);

        projection.on(opened("t-1"), 0); // the stale batch of a processor whose claim was stolen

        Document summary = summary("t-1");
        assertThat(summary.getString("batchDefectIncidentId")).isEqualTo("inc-1");
        assertThat(summary.getLong("version")).isEqualTo(2L);
        assertThat(summary.getDate("updatedAt").toInstant()).isEqualTo(T0.plusSeconds(60));
    }

    @Test
    void an_older_change_after_a_newer_one_is_ignored() {
        projection.on(opened("t-1"), 0);
        projection.on(remark("t-1", T0.plusSeconds(120)), 3);

        projection.on(confirmed("t-1", "inc-1"), 2);

        Document summary = summary("t-1");
        assertThat(summary.getLong("version")).isEqualTo(3L);
        assertThat(summary.getDate("updatedAt").toInstant()).isEqualTo(T0.plusSeconds(120));
    }

    @Test
    void the_same_events_twice_leave_the_same_line() {
        List<Runnable> history = List.of(() -> projection.on(opened("t-1"), 0),
                () -> projection.on(confirmed("t-1", "inc-1"), 2),
                () -> projection.on(remark("t-1", T0.plusSeconds(120)), 3));
        history.forEach(Runnable::run);
        Document once = summary("t-1");

        history.forEach(Runnable::run);

        assertThat(summary("t-1")).isEqualTo(once);
        assertThat(database.getCollection(TicketSummaryProjection.COLLECTION).countDocuments()).isEqualTo(1);
    }

    @Test
    void the_line_follows_the_tickets_status_assignee_flagged_remark_and_resolution() {
        List<Object> life = LifecycleEvents.life("t-1");
        for (int sequence = 0; sequence <= 13; sequence++) {
            apply(life.get(sequence), sequence);
        }

        TicketSummary line = only(query(null, null, null, null, null));
        assertThat(line.status()).isEqualTo(TicketStatus.RESOLVED);
        assertThat(line.assignee()).isEqualTo("agent-1");
        assertThat(line.flagged()).isTrue();
        assertThat(line.resolvedAt()).isEqualTo(LifecycleEvents.at(10));
        assertThat(line.version()).isEqualTo(13);
        assertThat(projection.resolvedBefore(LifecycleEvents.at(10), 0, 10)).extracting(TicketSummary::id)
                .containsExactly("t-1");
        assertThat(projection.resolvedBefore(LifecycleEvents.at(9), 0, 10)).isEmpty();

        apply(life.get(14), 14);
        assertThat(only(query(null, null, null, null, null)).status()).isEqualTo(TicketStatus.CLOSED);
        assertThat(projection.resolvedBefore(LifecycleEvents.at(20), 0, 10)).isEmpty();
    }

    @Test
    void a_replayed_or_stale_batch_of_lifecycle_events_never_takes_the_status_back() {
        List<Object> life = LifecycleEvents.life("t-1");
        for (int sequence = 0; sequence < life.size(); sequence++) {
            apply(life.get(sequence), sequence);
        }
        Document once = summary("t-1");

        for (int sequence = 0; sequence < life.size(); sequence++) {
            apply(life.get(sequence), sequence); // a stale processor replays the whole stream
        }

        assertThat(summary("t-1")).isEqualTo(once);
        assertThat(once.getString("status")).isEqualTo("CLOSED");
    }

    @Test
    void the_list_filters_by_statuses_assignee_category_flagged_and_what_waits_on_the_caller() {
        // t-1: agent-1's, in progress, flagged; t-2: waiting for approval; t-3: agent-2's, escalated; t-4: new
        List<Object> life = LifecycleEvents.life("t-1");
        for (int sequence = 0; sequence <= 8; sequence++) {
            apply(life.get(sequence), sequence);
        }
        List<Object> second = LifecycleEvents.life("t-2");
        for (int sequence = 0; sequence <= 9; sequence++) {
            if (sequence != 8) {
                apply(second.get(sequence), sequence);
            }
        }
        apply(LifecycleEvents.opened("t-3"), 0);
        apply(LifecycleEvents.claimed("t-3", "agent-2"), 1);
        apply(LifecycleEvents.escalated("t-3", 5), 2);
        apply(LifecycleEvents.opened("t-4"), 0);

        assertThat(ids(query(Set.of(TicketStatus.NEW, TicketStatus.WAITING_APPROVAL), null, null, null, null)))
                .containsExactlyInAnyOrder("t-2", "t-4");
        assertThat(ids(query(null, "agent-1", null, null, null))).containsExactlyInAnyOrder("t-1", "t-2");
        assertThat(ids(query(null, null, Category.QUALITY, null, null))).hasSize(4);
        assertThat(ids(query(null, null, Category.LOGISTICS, null, null))).isEmpty();
        assertThat(ids(query(null, null, null, true, null))).containsExactly("t-1");
        assertThat(ids(query(null, null, null, false, null))).containsExactlyInAnyOrder("t-2", "t-3", "t-4");
        assertThat(ids(query(null, null, null, null, new FindTickets.WaitingOn("agent-1", false))))
                .containsExactly("t-1");
        assertThat(ids(query(null, null, null, null, new FindTickets.WaitingOn("agent-2", false))))
                .containsExactly("t-3");
        assertThat(ids(query(null, null, null, null, new FindTickets.WaitingOn("sup-1", true))))
                .containsExactlyInAnyOrder("t-2", "t-3");
        assertThat(ids(projection.handle(new FindTickets(Set.of("jd-outlet"), null, Set.of(), null, null, null, null,
                null, new FindTickets.WaitingOn("sup-1", true), 0, 50)))).as("only the supervisor's stores").isEmpty();
    }

    @Test
    void a_clock_warning_puts_the_ticket_on_its_supervisors_list_until_the_clock_stops() {
        apply(LifecycleEvents.opened("t-5"), 0);
        apply(new SlaWarned("t-5", LifecycleEvents.STORE, ClockKind.FIRST_REPLY, 1, Duration.ofMinutes(5),
                Duration.ofMinutes(4), LifecycleEvents.at(5), LifecycleEvents.at(4)), 1);
        FindTickets.WaitingOn supervisor = new FindTickets.WaitingOn("sup-1", true);

        assertThat(ids(query(null, null, null, null, supervisor))).containsExactly("t-5");
        assertThat(ids(query(null, null, null, null, new FindTickets.WaitingOn("agent-1", false)))).isEmpty();

        apply(new ReplyRecorded("t-5", LifecycleEvents.STORE, ReplyChannel.PHONE, "called", true, "agent-1",
                LifecycleEvents.at(6)), 2);
        assertThat(ids(query(null, null, null, null, supervisor))).isEmpty();
    }

    @Test
    void the_list_keeps_the_tickets_whose_promise_breaks_within_the_window() {
        apply(LifecycleEvents.opened("t-6"), 0);
        apply(LifecycleEvents.opened("t-7"), 0);
        apply(LifecycleEvents.opened("t-8"), 0);
        ClockDeadlines deadlines = new ClockDeadlines(database);
        deadlines.schedule(new ClockDeadlines.Deadline("t-6", ClockKind.FIRST_REPLY, 1, ClockAlert.BREACH,
                LifecycleEvents.at(5)));
        deadlines.schedule(new ClockDeadlines.Deadline("t-7", ClockKind.FIRST_REPLY, 1, ClockAlert.WARNING,
                LifecycleEvents.at(4)));
        deadlines.schedule(new ClockDeadlines.Deadline("t-7", ClockKind.FIRST_REPLY, 1, ClockAlert.BREACH,
                LifecycleEvents.at(60)));

        assertThat(ids(projection.handle(new FindTickets(Set.of(LifecycleEvents.STORE), null, Set.of(), null, null,
                null, null, null, null, LifecycleEvents.at(10), 0, 50)))).containsExactly("t-6");
        assertThat(ids(projection.handle(new FindTickets(Set.of(LifecycleEvents.STORE), null, Set.of(), null, null,
                null, null, null, null, LifecycleEvents.at(60), 0, 50)))).containsExactlyInAnyOrder("t-6", "t-7");
    }

    private TicketPage query(Set<TicketStatus> statuses, String assignee, Category category, Boolean flagged,
                             FindTickets.WaitingOn waitingOn) {
        return projection.handle(new FindTickets(Set.of(LifecycleEvents.STORE), null, statuses, null, null, assignee,
                category, flagged, waitingOn, 0, 50));
    }

    private static List<String> ids(TicketPage page) {
        return page.items().stream().map(TicketSummary::id).toList();
    }

    private static TicketSummary only(TicketPage page) {
        assertThat(page.items()).hasSize(1);
        return page.items().get(0);
    }

    /** Calls the projection's handler for this event, as the processor would. */
    private void apply(Object event, long sequence) {
        try {
            Method handler = TicketSummaryProjection.class.getDeclaredMethod("on", event.getClass(), long.class);
            handler.setAccessible(true);
            handler.invoke(projection, event, sequence);
        } catch (NoSuchMethodException e) {
            throw new AssertionError("the ticket list has no handler for " + event.getClass().getSimpleName(), e);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private Document summary(String ticketId) {
        return database.getCollection(TicketSummaryProjection.COLLECTION).find(Filters.eq("_id", ticketId)).first();
    }

    static TicketOpened opened(String ticketId) {
        return new TicketOpened(ticketId, "tmall-flagship", Platform.TMALL, "order-1", null, "buyer-1", false,
                "JK2611-RED-M", "JK2611", "B1", 1, new Money(new BigDecimal("199.00"), "CNY"), T0.minusSeconds(86_400),
                Category.QUALITY, "COLOUR_FADING", null, "fades", List.of(), "web", "agent-1", T0);
    }

    static BatchDefectConfirmed confirmed(String ticketId, String incidentId) {
        return new BatchDefectConfirmed(ticketId, incidentId, "JK2611", "B1", "system", T0.plusSeconds(60));
    }

    static RemarkAdded remark(String ticketId, Instant at) {
        return new RemarkAdded(ticketId, "called the buyer", false, "agent-1", at);
    }
}
