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
        for (ClockReading reading : ticket.read(policies, clock.instant())) {
            if (reading.cycle() > 1) {
                deadlines.cancel(ticketId, reading.clock(), reading.cycle() - 1, ClockAlert.WARNING);
                deadlines.cancel(ticketId, reading.clock(), reading.cycle() - 1, ClockAlert.BREACH);
            }
            boolean warn = !reading.warned() && !reading.breached() && reading.state() != ClockState.STOPPED
                    && reading.warnAt() != null;
            apply(ticketId, reading, ClockAlert.WARNING, warn, reading.warnAt());
            // a breach that happened before the clock stopped is still recorded, late
            apply(ticketId, reading, ClockAlert.BREACH, !reading.breached() && reading.dueAt() != null,
                    reading.dueAt());
        }
    }

    private void apply(String ticketId, ClockReading reading, ClockAlert alert, boolean wanted,
                       java.time.Instant fireAt) {
        if (wanted) {
            deadlines.schedule(new ClockDeadlines.Deadline(ticketId, reading.clock(), reading.cycle(), alert, fireAt));
        } else {
            deadlines.cancel(ticketId, reading.clock(), reading.cycle(), alert);
        }
    }
}
