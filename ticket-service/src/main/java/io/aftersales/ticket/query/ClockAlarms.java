package io.aftersales.ticket.query;

import io.aftersales.ticket.api.RecordClockAlert;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Fires the clock deadlines that are due, every {@code poll-every}: claims one at a time (a lease, see
 * {@link ClockDeadlines#claimDue}), sends {@link RecordClockAlert} to the ticket, marks it done. Any number
 * of instances may poll the same database: each deadline is claimed by one. A crash between the claim and
 * the mark leaves the lease to run out, and the deadline fires again; the ticket records it once.
 */
public class ClockAlarms implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ClockAlarms.class);

    private final ClockDeadlines deadlines;
    private final CommandGateway commandGateway;
    private final Clock clock;
    private final Duration every;
    private final Duration lease;
    private final String owner = "clock-alarms-" + UUID.randomUUID();
    private ScheduledExecutorService scheduler;

    public ClockAlarms(ClockDeadlines deadlines, CommandGateway commandGateway, Clock clock, Duration every,
                       Duration lease) {
        this.deadlines = deadlines;
        this.commandGateway = commandGateway;
        this.clock = clock;
        this.every = every;
        this.lease = lease;
    }

    /** Fires every deadline due now; answers how many it fired. */
    public int fireDue() {
        int fired = 0;
        Instant now = clock.instant();
        Optional<ClockDeadlines.Deadline> due;
        while ((due = deadlines.claimDue(now, owner, lease)).isPresent()) {
            ClockDeadlines.Deadline deadline = due.get();
            Boolean recorded = commandGateway.sendAndWait(new RecordClockAlert(deadline.ticketId(), deadline.clock(),
                    deadline.cycle(), deadline.alert(), now));
            deadlines.done(deadline, owner, Boolean.TRUE.equals(recorded));
            fired++;
        }
        return fired;
    }

    private void fireSafely() {
        try {
            fireDue();
        } catch (RuntimeException e) {
            log.warn("Firing clock deadlines failed; the lease runs out and they fire again", e);
        }
    }

    @Override
    public synchronized void start() {
        if (scheduler == null) {
            scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
                Thread thread = new Thread(runnable, "ticket-clock-alarms");
                thread.setDaemon(true);
                return thread;
            });
            scheduler.scheduleWithFixedDelay(this::fireSafely, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public synchronized void stop() {
        if (scheduler != null) {
            scheduler.shutdownNow();
            scheduler = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return scheduler != null;
    }
}
