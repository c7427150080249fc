package io.aftersales.ticket.query;

import io.aftersales.ticket.api.Actors;
import io.aftersales.ticket.api.CloseTicket;
import io.aftersales.ticket.api.StorePolicies;
import io.aftersales.ticket.api.TicketStateConflict;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.ConflictingModificationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import io.aftersales.platform.scheduling.PeriodicTask;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A resolved ticket closes by itself its store's {@code autoCloseAfter} after it was resolved: a
 * periodic sweep over the ticket list sends {@code CloseTicket(automatic, actor system)} for each
 * one due. Safe with several instances: the command names the version the list saw, so a ticket
 * closed, reopened or otherwise changed since is refused by the ticket (a state conflict or a
 * concurrent change) and simply skipped; the next sweep sees the list as it is then.
 */
public class AutoClose extends PeriodicTask {

    private static final Logger log = LoggerFactory.getLogger(AutoClose.class);
    private static final int PAGE = 200;

    private final TicketSummaryProjection tickets;
    private final CommandGateway commandGateway;
    private final StorePolicies policies;
    private final Clock clock;

    public AutoClose(TicketSummaryProjection tickets, CommandGateway commandGateway, StorePolicies policies, Clock clock,
                     Duration every) {
        super("ticket-auto-close", every, every);
        this.tickets = tickets;
        this.commandGateway = commandGateway;
        this.policies = policies;
        this.clock = clock;
    }

    /** One sweep: closes every resolved ticket that is due now; answers how many it closed. */
    public int sweep() {
        Instant now = clock.instant();
        int closed = 0;
        int skip = 0;
        List<TicketSummary> page;
        do {
            page = tickets.resolvedBefore(now, skip, PAGE);
            skip += page.size();
            for (TicketSummary ticket : page) {
                Duration delay = policies.timings(ticket.storeId()).autoCloseAfter();
                if (!ticket.resolvedAt().plus(delay).isAfter(now) && close(ticket, now)) {
                    closed++;
                }
            }
        } while (page.size() == PAGE);
        return closed;
    }

    private boolean close(TicketSummary ticket, Instant now) {
        try {
            commandGateway.sendAndWait(new CloseTicket(ticket.id(), true, Actors.SYSTEM, now, ticket.version()));
            return true;
        } catch (RuntimeException refused) {
            Throwable cause = refused instanceof CommandExecutionException && refused.getCause() != null
                    ? refused.getCause() : refused;
            if (cause instanceof TicketStateConflict || cause instanceof ConflictingModificationException) {
                // another instance closed it first, or someone changed it since the list saw it
                log.debug("Ticket {} not closed automatically: {}", ticket.id(), cause.getMessage());
                return false;
            }
            throw refused;
        }
    }

    @Override
    protected void runOnce() {
        sweep();
    }
}
