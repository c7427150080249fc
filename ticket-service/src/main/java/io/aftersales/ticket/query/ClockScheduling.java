package io.aftersales.ticket.query;

import io.aftersales.ticket.api.ClockAlert;
import io.aftersales.ticket.api.ClockReading;
import io.aftersales.ticket.api.ClockState;
import io.aftersales.ticket.api.StorePolicies;
import io.aftersales.ticket.api.TicketClocks;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventsourcing.eventstore.EventStore;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Keeps the {@link ClockDeadlines} in step with each ticket's clocks: after every event that moves a
 * clock or the ticket's status, it reads the ticket's clocks from the ticket's whole stream (as its view
 * does) and schedules, moves or cancels the ticket's pending warnings and breaches. A tracking processor:
 * one instance handles a ticket's events at a time, in order, and a replay writes the same deadlines
 * again (what already fired stays fired).
 */
@ProcessingGroup(ClockScheduling.PROCESSING_GROUP)
public class ClockScheduling {

    public static final String PROCESSING_GROUP = "ticket-clocks";

    private final EventStore eventStore;
    private final ClockDeadlines deadlines;
    private final StorePolicies policies;
    private final Clock clock;

    public ClockScheduling(EventStore eventStore, ClockDeadlines deadlines, StorePolicies policies, Clock clock) {
        this.eventStore = eventStore;
        this.deadlines = deadlines;
        this.policies = policies;
        this.clock = clock;
    }

    @EventHandler
    void on(Object event, DomainEventMessage<?> message) {
        if (TicketClocks.timeOf(event) == null) {
            return;
        }
        reschedule(message.getAggregateIdentifier());
    }

    /** Brings the ticket's pending deadlines in line with its clocks as its events tell them now. */
    public void reschedule(String ticketId) {
        ClockQueries.Replayed ticket = ClockQueries.replay(eventStore, ticketId);
        if (ticket == null) {
            return;
        }
        // what should be pending, compared with what is: only the differences are written
        Map<String, ClockDeadlines.Deadline> wanted = new LinkedHashMap<>();
        for (ClockReading reading : ticket.read(policies, clock.instant())) {
            boolean warn = !reading.warned() && !reading.breached() && reading.state() != ClockState.STOPPED
                    && reading.warnAt() != null;
            if (warn) {
                want(wanted, ticketId, reading, ClockAlert.WARNING, reading.warnAt());
            }
            // a breach that happened before the clock stopped is still recorded, late
            if (!reading.breached() && reading.dueAt() != null) {
                want(wanted, ticketId, reading, ClockAlert.BREACH, reading.dueAt());
            }
        }
        Map<String, ClockDeadlines.Deadline> pending = new LinkedHashMap<>();
        deadlines.pending(ticketId).forEach(deadline -> pending.put(deadline.id(), deadline));
        pending.forEach((id, deadline) -> {
            if (!wanted.containsKey(id)) {
                deadlines.cancel(ticketId, deadline.clock(), deadline.cycle(), deadline.alert());
            }
        });
        wanted.forEach((id, deadline) -> {
            ClockDeadlines.Deadline current = pending.get(id);
            if (current == null || !current.fireAt().equals(ClockDeadlines.millisUp(deadline.fireAt()).toInstant())) {
                deadlines.schedule(deadline);
            }
        });
    }

    private static void want(Map<String, ClockDeadlines.Deadline> wanted, String ticketId, ClockReading reading,
                             ClockAlert alert, java.time.Instant fireAt) {
        ClockDeadlines.Deadline deadline = new ClockDeadlines.Deadline(ticketId, reading.clock(), reading.cycle(), alert,
                fireAt);
        wanted.put(deadline.id(), deadline);
    }
}
