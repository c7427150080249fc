package io.aftersales.ticket.command;

import io.aftersales.ticket.api.Category;
import io.aftersales.ticket.api.ClockAlert;
import io.aftersales.ticket.api.ClockKind;
import io.aftersales.ticket.api.ClockReading;
import io.aftersales.ticket.api.ClockState;
import io.aftersales.ticket.api.EvidenceAttached;
import io.aftersales.ticket.api.EvidenceRequested;
import io.aftersales.ticket.api.Money;
import io.aftersales.ticket.api.Platform;
import io.aftersales.ticket.api.OpenTicket;
import io.aftersales.ticket.api.PlatformDecision;
import io.aftersales.ticket.api.RecordPlatformDecision;
import io.aftersales.ticket.api.PlatformAutoApproved;
import io.aftersales.ticket.api.PlatformDeadlineSet;
import io.aftersales.ticket.api.RecordClockAlert;
import io.aftersales.ticket.api.ReplyChannel;
import io.aftersales.ticket.api.ReplyRecorded;
import io.aftersales.ticket.api.SlaBreached;
import io.aftersales.ticket.api.SlaPolicy;
import io.aftersales.ticket.api.SlaWarned;
import io.aftersales.ticket.api.StorePolicies;
import io.aftersales.ticket.api.TicketAssigned;
import io.aftersales.ticket.api.TicketCancelled;
import io.aftersales.ticket.api.TicketClocks;
import io.aftersales.ticket.api.TicketOpened;
import io.aftersales.ticket.api.TicketReopened;
import io.aftersales.ticket.api.TicketResolved;
import io.aftersales.ticket.api.TicketStatus;
import io.aftersales.ticket.api.ResolutionKind;
import io.aftersales.ticket.api.CancelReason;
import org.axonframework.eventsourcing.NoSnapshotTriggerDefinition;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The ticket's clocks on the default policy (first reply 5 minutes, logistics resolved in 48 hours, every
 * day 09:00-23:00 Beijing time, paused while waiting on the buyer, warning at 80%), read from the
 * ticket's events, and the warnings and breaches the ticket records when a deadline fires.
 */
class TicketClocksTest {

    private static final String TICKET = "ticket-1";
    private static final String STORE = "tmall-flagship";
    /** Monday 2026-12-07 10:00 Beijing time. */
    private static final Instant OPENED = Instant.parse("2026-12-07T02:00:00Z");
    private static final SlaPolicy POLICY = SlaPolicy.defaults();

    private AggregateTestFixture<Ticket> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Ticket.class);
        fixture.registerInjectableResource(NoSnapshotTriggerDefinition.INSTANCE);
        fixture.registerInjectableResource(StorePolicies.DEFAULTS);
    }

    // --- reading the clocks from the events

    @Test
    void a_ticket_without_a_reply_warns_at_four_minutes_and_breaks_its_promise_at_five() {
        ClockReading firstReply = read(ClockKind.FIRST_REPLY, minutes(4), opened(Category.QUALITY, OPENED));

        assertThat(firstReply.state()).isEqualTo(ClockState.RUNNING);
        assertThat(firstReply.elapsed()).isEqualTo(Duration.ofMinutes(4));
        assertThat(firstReply.left()).isEqualTo(Duration.ofMinutes(1));
        assertThat(firstReply.warnAt()).isEqualTo(minutes(4));
        assertThat(firstReply.dueAt()).isEqualTo(minutes(5));
    }

    @Test
    void the_first_reply_stops_the_first_reply_clock_with_the_time_it_took() {
        ClockReading firstReply = read(ClockKind.FIRST_REPLY, minutes(30), opened(Category.QUALITY, OPENED),
                reply(minutes(3)));

        assertThat(firstReply.state()).isEqualTo(ClockState.STOPPED);
        assertThat(firstReply.elapsed()).isEqualTo(Duration.ofMinutes(3));
        assertThat(firstReply.dueAt()).isNull();
        assertThat(firstReply.overdue()).isFalse();
    }

    @Test
    void a_ticket_opened_at_night_is_due_five_minutes_after_the_desk_opens() {
        Instant night = Instant.parse("2026-12-07T15:30:00Z"); // Monday 23:30 Beijing time

        ClockReading firstReply = read(ClockKind.FIRST_REPLY, night.plus(Duration.ofHours(8)),
                opened(Category.QUALITY, night));

        assertThat(firstReply.elapsed()).isEqualTo(Duration.ZERO);
        assertThat(firstReply.dueAt()).isEqualTo(Instant.parse("2026-12-08T01:05:00Z")); // Tuesday 09:05
    }

    @Test
    void waiting_on_the_buyer_pauses_the_resolution_clock_and_the_evidence_resumes_it_where_it_stopped() {
        Instant asked = OPENED.plus(Duration.ofHours(2));
        Instant answered = asked.plus(Duration.ofDays(3));
        List<Object> events = List.of(opened(Category.LOGISTICS, OPENED), claimed(OPENED.plusSeconds(60)),
                new EvidenceRequested(TICKET, "a photo of the parcel", "agent-7", asked));

        ClockReading paused = read(ClockKind.RESOLUTION, answered, events.toArray());
        assertThat(paused.state()).isEqualTo(ClockState.PAUSED);
        assertThat(paused.elapsed()).isEqualTo(Duration.ofHours(2));
        assertThat(paused.dueAt()).isNull();

        List<Object> resumed = new ArrayList<>(events);
        resumed.add(new EvidenceAttached(TICKET, "buyer-42", List.of(), "buyer-42", answered));
        ClockReading running = read(ClockKind.RESOLUTION, answered, resumed.toArray());
        assertThat(running.state()).isEqualTo(ClockState.RUNNING);
        assertThat(running.elapsed()).isEqualTo(Duration.ofHours(2));
        // 46 business hours left at 14 hours a day, from Thursday 12:00 Beijing time: Sunday 16:00
        assertThat(running.dueAt()).isEqualTo(Instant.parse("2026-12-13T08:00:00Z"));
    }

    @Test
    void a_reopened_ticket_starts_a_new_resolution_cycle_with_the_whole_target() {
        Instant resolved = OPENED.plus(Duration.ofHours(3));
        Instant reopened = OPENED.plus(Duration.ofDays(1));

        ClockReading resolution = read(ClockKind.RESOLUTION, reopened.plus(Duration.ofHours(1)),
                opened(Category.LOGISTICS, OPENED), claimed(OPENED),
                new TicketResolved(TICKET, STORE, 1, ResolutionKind.RESHIP, resolved),
                new TicketReopened(TICKET, STORE, "the reshipment is lost too", "agent-7", reopened));

        assertThat(resolution.cycle()).isEqualTo(2);
        assertThat(resolution.state()).isEqualTo(ClockState.RUNNING);
        assertThat(resolution.elapsed()).isEqualTo(Duration.ofHours(1));
        assertThat(resolution.warned()).isFalse();
    }

    @Test
    void a_category_without_a_resolution_target_has_only_the_first_reply_clock() {
        TicketClocks clocks = replay(opened(Category.QUALITY, OPENED));

        assertThat(clocks.read(POLICY, OPENED)).extracting(ClockReading::clock).containsExactly(ClockKind.FIRST_REPLY);
    }

    @Test
    void reading_the_same_events_later_gives_the_same_due_times() {
        Object[] events = {opened(Category.LOGISTICS, OPENED), claimed(OPENED), reply(minutes(2))};

        ClockReading now = read(ClockKind.RESOLUTION, minutes(3), events);
        ClockReading nextWeek = read(ClockKind.RESOLUTION, minutes(3).plus(Duration.ofDays(7)), events);

        assertThat(nextWeek.dueAt()).isEqualTo(now.dueAt());
        assertThat(nextWeek.warnAt()).isEqualTo(now.warnAt());
        assertThat(nextWeek.overdue()).isTrue();
    }

    // --- the ticket records warnings and breaches when they are due, once

    @Test
    void a_warning_due_is_recorded_with_what_is_left() {
        fixture.given(opened(Category.QUALITY, OPENED))
                .when(alert(ClockKind.FIRST_REPLY, 1, ClockAlert.WARNING, minutes(4)))
                .expectEvents(new SlaWarned(TICKET, STORE, ClockKind.FIRST_REPLY, 1, Duration.ofMinutes(5),
                        Duration.ofMinutes(4), minutes(5), minutes(4)))
                .expectResultMessagePayload(true);
    }

    @Test
    void a_warning_that_fires_twice_is_recorded_once() {
        fixture.given(opened(Category.QUALITY, OPENED), new SlaWarned(TICKET, STORE, ClockKind.FIRST_REPLY, 1,
                        Duration.ofMinutes(5), Duration.ofMinutes(4), minutes(5), minutes(4)))
                .when(alert(ClockKind.FIRST_REPLY, 1, ClockAlert.WARNING, minutes(4).plusSeconds(1)))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void a_warning_that_fires_early_records_nothing() {
        fixture.given(opened(Category.QUALITY, OPENED))
                .when(alert(ClockKind.FIRST_REPLY, 1, ClockAlert.WARNING, minutes(3)))
                .expectSuccessfulHandlerExecution()
                .expectResultMessagePayload(false)
                .expectNoEvents();
    }

    @Test
    void a_warning_that_fires_after_the_reply_records_nothing() {
        fixture.given(opened(Category.QUALITY, OPENED), reply(minutes(3)))
                .when(alert(ClockKind.FIRST_REPLY, 1, ClockAlert.WARNING, minutes(4)))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void the_breach_is_recorded_at_five_minutes_once() {
        SlaBreached breached = new SlaBreached(TICKET, STORE, ClockKind.FIRST_REPLY, 1, Duration.ofMinutes(5),
                minutes(5), minutes(5));
        fixture.given(opened(Category.QUALITY, OPENED))
                .when(alert(ClockKind.FIRST_REPLY, 1, ClockAlert.BREACH, minutes(5)))
                .expectEvents(breached);
        fixture.given(opened(Category.QUALITY, OPENED), breached)
                .when(alert(ClockKind.FIRST_REPLY, 1, ClockAlert.BREACH, minutes(6)))
                .expectNoEvents();
    }

    @Test
    void a_breach_found_late_after_a_late_reply_is_still_recorded_with_the_time_it_was_due() {
        fixture.given(opened(Category.QUALITY, OPENED), reply(minutes(7)))
                .when(alert(ClockKind.FIRST_REPLY, 1, ClockAlert.BREACH, minutes(9)))
                .expectEvents(new SlaBreached(TICKET, STORE, ClockKind.FIRST_REPLY, 1, Duration.ofMinutes(5),
                        minutes(5), minutes(9)));
    }

    @Test
    void an_alert_for_a_cycle_before_a_reopen_records_nothing() {
        fixture.given(opened(Category.LOGISTICS, OPENED), claimed(OPENED),
                        new TicketResolved(TICKET, STORE, 1, ResolutionKind.RESHIP, minutes(60)),
                        new TicketReopened(TICKET, STORE, "lost again", "agent-7", minutes(120)))
                .when(alert(ClockKind.RESOLUTION, 1, ClockAlert.WARNING, OPENED.plus(Duration.ofDays(5))))
                .expectNoEvents();
    }

    @Test
    void a_cancelled_ticket_warns_of_nothing() {
        fixture.given(opened(Category.QUALITY, OPENED),
                        new TicketCancelled(TICKET, STORE, CancelReason.BUYER_WITHDREW, null, "agent-7", minutes(1)))
                .when(alert(ClockKind.FIRST_REPLY, 1, ClockAlert.WARNING, minutes(4)))
                .expectNoEvents();
    }

    // --- the platform's deadline

    @Test
    void the_platforms_deadline_runs_in_wall_clock_time_through_the_night_and_while_waiting_on_the_buyer() {
        Instant deadline = OPENED.plus(Duration.ofHours(48));
        ClockReading platform = read(ClockKind.PLATFORM_RESPONSE, OPENED.plus(Duration.ofHours(40)),
                opened(Category.QUALITY, OPENED), new PlatformDeadlineSet(TICKET, STORE, Platform.PINDUODUO, deadline,
                        OPENED), claimed(OPENED), new EvidenceRequested(TICKET, "photos", "agent-7", minutes(10)));

        assertThat(platform.state()).isEqualTo(ClockState.RUNNING);
        assertThat(platform.target()).isEqualTo(Duration.ofHours(48));
        assertThat(platform.elapsed()).isEqualTo(Duration.ofHours(40));
        assertThat(platform.warnAt()).isEqualTo(OPENED.plus(Duration.ofMinutes(48 * 60 * 80 / 100)));
        assertThat(platform.dueAt()).isEqualTo(deadline);
    }

    @Test
    void opening_with_the_platforms_deadline_records_it_and_the_platforms_auto_approval_is_recorded_once() {
        Instant deadline = OPENED.plus(Duration.ofHours(48));
        OpenTicket intake = new OpenTicket(TICKET, STORE, Platform.PINDUODUO, "order-1001", "PDD-889", "buyer-42",
                false, "JK2611-RED-M", "JK2611", "B2026-11-A", 1, new Money(new BigDecimal("259.00"), "CNY"), null,
                Category.LOGISTICS, null, "parcel lost", List.of(), "chat", "agent-1", OPENED)
                .withPlatformDeadline(deadline);
        assertThat(Ticket.openingEvents(intake)).element(1)
                .isEqualTo(new PlatformDeadlineSet(TICKET, STORE, Platform.PINDUODUO, deadline, OPENED));

        PlatformDeadlineSet set = new PlatformDeadlineSet(TICKET, STORE, Platform.PINDUODUO, deadline, OPENED);
        Instant decided = deadline.plusSeconds(60);
        PlatformAutoApproved approved = new PlatformAutoApproved(TICKET, STORE, Platform.TMALL, "agent-7", decided);
        fixture.given(opened(Category.LOGISTICS, OPENED), set)
                .when(new RecordPlatformDecision(TICKET, PlatformDecision.AUTO_APPROVED, "agent-7", decided, null))
                .expectEvents(approved);
        fixture.given(opened(Category.LOGISTICS, OPENED), set, approved)
                .when(new RecordPlatformDecision(TICKET, PlatformDecision.AUTO_APPROVED, "agent-7", decided, null))
                .expectNoEvents();
        ClockReading platform = read(ClockKind.PLATFORM_RESPONSE, decided, opened(Category.LOGISTICS, OPENED), set,
                approved);
        assertThat(platform.state()).isEqualTo(ClockState.STOPPED);
        assertThat(platform.overdue()).isTrue();
    }

    // ---

    private static ClockReading read(ClockKind clock, Instant now, Object... events) {
        return replay(events).read(clock, POLICY, now).orElseThrow();
    }

    /** Status after each event as the aggregate tells it, for the few events these stories use. */
    private static TicketClocks replay(Object... events) {
        TicketClocks clocks = new TicketClocks();
        TicketStatus status = null;
        for (Object event : events) {
            if (event instanceof TicketOpened) {
                status = TicketStatus.NEW;
            } else if (event instanceof TicketAssigned) {
                status = status == TicketStatus.NEW ? TicketStatus.IN_PROGRESS : status;
            } else if (event instanceof EvidenceRequested) {
                status = TicketStatus.WAITING_BUYER;
            } else if (event instanceof EvidenceAttached || event instanceof TicketReopened) {
                status = TicketStatus.IN_PROGRESS;
            } else if (event instanceof TicketResolved) {
                status = TicketStatus.RESOLVED;
            } else if (event instanceof TicketCancelled) {
                status = TicketStatus.CANCELLED;
            }
            clocks.record(event, status);
        }
        return clocks;
    }

    private static RecordClockAlert alert(ClockKind clock, int cycle, ClockAlert alert, Instant at) {
        return new RecordClockAlert(TICKET, clock, cycle, alert, at);
    }

    private static Instant minutes(int minutes) {
        return OPENED.plus(Duration.ofMinutes(minutes));
    }

    private static ReplyRecorded reply(Instant at) {
        return new ReplyRecorded(TICKET, STORE, ReplyChannel.PLATFORM_CHAT, "hello", true, "agent-7", at);
    }

    private static TicketAssigned claimed(Instant at) {
        return new TicketAssigned(TICKET, STORE, "agent-7", null, true, "agent-7", at);
    }

    private static TicketOpened opened(Category category, Instant at) {
        return new TicketOpened(TICKET, STORE, Platform.TMALL, "order-1001", "RF-889", "buyer-42", false,
                "JK2611-RED-M", "JK2611", "B2026-11-A", 1, new Money(new BigDecimal("259.00"), "CNY"), null, category,
                category == Category.QUALITY ? "STAIN" : null, category.presumedResponsibility().orElse(null),
                "a case", List.of(), "chat", "agent-1", at);
    }
}
