package io.aftersales.ticket.query;

import io.aftersales.ticket.api.RecordClockAlert;
import org.axonframework.commandhandling.gateway.CommandGateway;
import io.aftersales.platform.scheduling.PeriodicTask;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Fires the clock deadlines that are due, every {@code poll-every}: claims one at a time (a lease, see
 * {@link ClockDeadlines#claimDue}), sends {@link RecordClockAlert} to the ticket, marks it done. Any number
 * of instances may poll the same database: each deadline is claimed by one. A crash between the claim and
 * the mark leaves the lease to run out, and the deadline fires again; the ticket records it once.
 */
public class ClockAlarms extends PeriodicTask {


    private final ClockDeadlines deadlines;
    private final CommandGateway commandGateway;
    private final Clock clock;
    private final Duration lease;
    private final String owner = "clock-alarms-" + UUID.randomUUID();

    public ClockAlarms(ClockDeadlines deadlines, CommandGateway commandGateway, Clock clock, Duration every,
                       Duration lease) {
        super("ticket-clock-alarms", every, every);
        this.deadlines = deadlines;
        this.commandGateway = commandGateway;
        this.clock = clock;
        this.lease = lease;
    }

    /** Fires every deadline due now; answers how many it fired. */
    public int fireDue() {
        int fired = 0;
        Instant now = clock.instant();
        List<ClockDeadlines.Deadline> due;
        while (!(due = deadlines.claimDue(now, owner, lease)).isEmpty()) {
            for (ClockDeadlines.Deadline deadline : due) {
                Boolean recorded = commandGateway.sendAndWait(new RecordClockAlert(deadline.ticketId(), deadline.clock(),
                        deadline.cycle(), deadline.alert(), now));
                deadlines.done(deadline, owner, Boolean.TRUE.equals(recorded));
                fired++;
            }
        }
        return fired;
    }

    @Override
    protected void runOnce() {
        fireDue();
    }
}
