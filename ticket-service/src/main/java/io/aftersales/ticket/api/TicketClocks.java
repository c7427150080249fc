package io.aftersales.ticket.api;

import com.fasterxml.jackson.annotation.JsonAutoDetect;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A ticket's clocks, built from its own events only (each event's own time, never the time it is
 * replayed at), so the aggregate, the clock scheduler and the ticket's view all read the same clocks and
 * a replay reads them the same again. It keeps what happened (when each clock started and stopped, the
 * ticket's status over time, the warnings and breaches recorded); the store's {@link SlaPolicy} (targets,
 * business hours, pausing states) is applied when a clock is read.
 *
 * <p>First reply: from opening to the first reply. Resolution: from opening to the resolution agreed; a
 * reopen starts a new cycle with the whole target again. Resolving, closing and cancelling stop every
 * clock. While the ticket is in a pausing state, no clock uses time.
 */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public final class TicketClocks {

    private Category category;
    private Instant platformDeadline;
    private final List<StatusSince> statuses = new ArrayList<>();
    private final Map<ClockKind, Run> runs = new HashMap<>();

    /** The clocks after a whole stream of events; {@code statusAfter} tells the ticket's status after each one. */
    public static TicketClocks replay(List<?> events, java.util.function.Function<Object, TicketStatus> statusAfter) {
        TicketClocks clocks = new TicketClocks();
        events.forEach(event -> clocks.record(event, statusAfter.apply(event)));
        return clocks;
    }

    /** Takes one event into account; {@code statusAfter} is the ticket's status after it. */
    public void record(Object event, TicketStatus statusAfter) {
        Instant at = timeOf(event);
        if (at == null) {
            return;
        }
        if (event instanceof TicketOpened e) {
            category = e.category();
            start(ClockKind.FIRST_REPLY, at);
            start(ClockKind.RESOLUTION, at);
        } else if (event instanceof ReplyRecorded) {
            stop(ClockKind.FIRST_REPLY, at);
        } else if (event instanceof ResolutionAgreed) {
            stop(ClockKind.RESOLUTION, at);
            stop(ClockKind.PLATFORM_RESPONSE, at);
        } else if (event instanceof PlatformDeadlineSet e) {
            platformDeadline = e.deadline();
            start(ClockKind.PLATFORM_RESPONSE, at);
        } else if (event instanceof PlatformAutoApproved) {
            stop(ClockKind.PLATFORM_RESPONSE, at);
        } else if (event instanceof TicketReopened) {
            start(ClockKind.RESOLUTION, at);
        } else if (event instanceof TicketResolved || event instanceof TicketClosed
                || event instanceof TicketCancelled) {
            for (ClockKind clock : ClockKind.values()) {
                stop(clock, at);
            }
        } else if (event instanceof SlaWarned e) {
            mark(e.clock(), e.cycle(), ClockAlert.WARNING);
        } else if (event instanceof SlaBreached e) {
            mark(e.clock(), e.cycle(), ClockAlert.BREACH);
        }
        if (statusAfter != null && (statuses.isEmpty() || statuses.get(statuses.size() - 1).status() != statusAfter)) {
            statuses.add(new StatusSince(statusAfter, at));
        }
    }

    /** Every clock the ticket has under the policy, read at {@code now}. */
    public List<ClockReading> read(SlaPolicy policy, Instant now) {
        List<ClockReading> readings = new ArrayList<>();
        for (ClockKind clock : ClockKind.values()) {
            read(clock, policy, now).ifPresent(readings::add);
        }
        return readings;
    }

    /** One clock read at {@code now}; empty when the ticket has no such clock. */
    public Optional<ClockReading> read(ClockKind clock, SlaPolicy policy, Instant now) {
        Run run = runs.get(clock);
        if (clock == ClockKind.PLATFORM_RESPONSE) {
            return run == null || platformDeadline == null ? Optional.empty()
                    : Optional.of(readPlatform(run, policy, now));
        }
        Optional<Duration> target = policy.target(clock, category);
        if (run == null || target.isEmpty()) {
            return Optional.empty();
        }
        BusinessCalendar calendar = policy.calendar();
        List<Interval> intervals = intervals(run, policy);
        Duration elapsed = Duration.ZERO;
        for (Interval interval : intervals) {
            if (interval.from().isBefore(now)) {
                Instant end = interval.to() == null || interval.to().isAfter(now) ? now : interval.to();
                elapsed = elapsed.plus(calendar.businessTime(interval.from(), end));
            }
        }
        ClockState state = run.stopped() != null ? ClockState.STOPPED
                : policy.pausedIn().contains(currentStatus()) ? ClockState.PAUSED : ClockState.RUNNING;
        Duration warnAfter = policy.warnAfter(target.get());
        return Optional.of(new ClockReading(clock, run.cycle(), state, target.get(), warnAfter, elapsed,
                target.get().minus(elapsed), instantWhenUsed(intervals, calendar, warnAfter),
                instantWhenUsed(intervals, calendar, target.get()), run.warned(), run.breached()));
    }

    /** The platform's deadline is wall-clock time: no business hours, no pause. */
    private ClockReading readPlatform(Run run, SlaPolicy policy, Instant now) {
        Duration target = Duration.between(run.started(), platformDeadline);
        Instant end = run.stopped() != null && run.stopped().isBefore(now) ? run.stopped() : now;
        Duration elapsed = end.isAfter(run.started()) ? Duration.between(run.started(), end) : Duration.ZERO;
        Duration warnAfter = policy.warnAfter(target);
        Instant warnAt = run.started().plus(warnAfter);
        boolean stoppedBefore = run.stopped() != null;
        return new ClockReading(ClockKind.PLATFORM_RESPONSE, run.cycle(),
                stoppedBefore ? ClockState.STOPPED : ClockState.RUNNING, target, warnAfter, elapsed,
                target.minus(elapsed), stoppedBefore && run.stopped().isBefore(warnAt) ? null : warnAt,
                stoppedBefore && run.stopped().isBefore(platformDeadline) ? null : platformDeadline,
                run.warned(), run.breached());
    }

    /** The ticket's category, as opened. */
    public Category category() {
        return category;
    }

    private TicketStatus currentStatus() {
        return statuses.isEmpty() ? null : statuses.get(statuses.size() - 1).status();
    }

    /** The spans in which the run used time: the run's own span less the pausing states (open-ended last). */
    private List<Interval> intervals(Run run, SlaPolicy policy) {
        List<Interval> intervals = new ArrayList<>();
        for (int i = 0; i < statuses.size(); i++) {
            StatusSince segment = statuses.get(i);
            if (policy.pausedIn().contains(segment.status())) {
                continue;
            }
            Instant from = segment.since().isAfter(run.started()) ? segment.since() : run.started();
            Instant to = i + 1 < statuses.size() ? statuses.get(i + 1).since() : null;
            if (run.stopped() != null && (to == null || to.isAfter(run.stopped()))) {
                to = run.stopped();
            }
            if (to == null || to.isAfter(from)) {
                intervals.add(new Interval(from, to));
            }
        }
        return intervals;
    }

    /** When the run had used {@code amount} of business time, or will if it goes on; null: it never does. */
    private static Instant instantWhenUsed(List<Interval> intervals, BusinessCalendar calendar, Duration amount) {
        Duration left = amount;
        for (Interval interval : intervals) {
            if (interval.to() == null) {
                return calendar.plusBusinessTime(interval.from(), left);
            }
            Duration used = calendar.businessTime(interval.from(), interval.to());
            if (used.compareTo(left) >= 0) {
                return calendar.plusBusinessTime(interval.from(), left);
            }
            left = left.minus(used);
        }
        return null;
    }

    private void start(ClockKind clock, Instant at) {
        Run previous = runs.get(clock);
        runs.put(clock, new Run(previous == null ? 1 : previous.cycle() + 1, at, null, false, false));
    }

    private void stop(ClockKind clock, Instant at) {
        Run run = runs.get(clock);
        if (run != null && run.stopped() == null) {
            runs.put(clock, new Run(run.cycle(), run.started(), at, run.warned(), run.breached()));
        }
    }

    private void mark(ClockKind clock, int cycle, ClockAlert alert) {
        Run run = runs.get(clock);
        if (run != null && run.cycle() == cycle) {
            runs.put(clock, new Run(run.cycle(), run.started(), run.stopped(),
                    run.warned() || alert == ClockAlert.WARNING, run.breached() || alert == ClockAlert.BREACH));
        }
    }

    /** The time an event happened, for the events that move clocks or the ticket's status; null for others. */
    public static Instant timeOf(Object event) {
        if (event instanceof TicketOpened e) {
            return e.openedAt();
        }
        if (event instanceof TicketAssigned e) {
            return e.assignedAt();
        }
        if (event instanceof ReplyRecorded e) {
            return e.repliedAt();
        }
        if (event instanceof EvidenceRequested e) {
            return e.requestedAt();
        }
        if (event instanceof EvidenceAttached e) {
            return e.attachedAt();
        }
        if (event instanceof VerificationStepReached e) {
            return e.at();
        }
        if (event instanceof ResolutionProposed e) {
            return e.proposedAt();
        }
        if (event instanceof ResolutionApproved e) {
            return e.approvedAt();
        }
        if (event instanceof ResolutionRejected e) {
            return e.rejectedAt();
        }
        if (event instanceof OfferRefused e) {
            return e.refusedAt();
        }
        if (event instanceof ResolutionAgreed e) {
            return e.agreedAt();
        }
        if (event instanceof TicketResolved e) {
            return e.resolvedAt();
        }
        if (event instanceof TicketClosed e) {
            return e.closedAt();
        }
        if (event instanceof TicketReopened e) {
            return e.reopenedAt();
        }
        if (event instanceof TicketCancelled e) {
            return e.cancelledAt();
        }
        if (event instanceof SlaWarned e) {
            return e.warnedAt();
        }
        if (event instanceof PlatformDeadlineSet e) {
            return e.setAt();
        }
        if (event instanceof PlatformAutoApproved e) {
            return e.recordedAt();
        }
        if (event instanceof SlaBreached e) {
            return e.breachedAt();
        }
        return null;
    }

    /** The ticket's status from {@code since} on. */
    record StatusSince(TicketStatus status, Instant since) {
    }

    /** One cycle of one clock. */
    record Run(int cycle, Instant started, Instant stopped, boolean warned, boolean breached) {
    }

    private record Interval(Instant from, Instant to) {
    }
}
