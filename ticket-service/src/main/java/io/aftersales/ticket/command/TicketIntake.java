package io.aftersales.ticket.web;

import io.aftersales.ticket.api.OpenTicket;
import io.aftersales.ticket.command.Ticket;
import io.aftersales.ticket.query.ConfirmedBatchDefects;
import io.aftersales.ticket.query.TicketQueries;
import io.aftersales.ticket.query.TicketView;
import org.axonframework.commandhandling.gateway.CommandGateway;

/**
 * Opens a ticket. Everything that can fail happens before the commit; after it nothing is read or
 * sent, so a saved ticket is never answered as an error (issue 8, defect 6):
 * <ol>
 *   <li>record "this ticket is being opened on its batch" ({@link ConfirmedBatchDefects#intakeStarted});</li>
 *   <li>look up QA's open incident on that batch;</li>
 *   <li>commit the ticket, already marked as a confirmed batch defect when there is one (one commit);</li>
 *   <li>answer with the view folded from the events the command recorded (a pure function of it).</li>
 * </ol>
 * Steps 1 and 2 against the quality listener's "record the delisting, then read the intakes" make
 * sure one of the two sides marks the ticket; see {@link ConfirmedBatchDefects}.
 */
public class TicketIntake {

    private final CommandGateway commandGateway;
    private final ConfirmedBatchDefects confirmedBatchDefects;

    public TicketIntake(CommandGateway commandGateway, ConfirmedBatchDefects confirmedBatchDefects) {
        this.commandGateway = commandGateway;
        this.confirmedBatchDefects = confirmedBatchDefects;
    }

    /**
     * The ticket as opened. Throws what the command bus throws when it was not saved (a rule
     * violated, or the id already taken: the same platform case or idempotency key again).
     */
    public TicketView open(OpenTicket command) {
        Ticket.openingEvents(command); // the ticket's own rules first: a refused ticket leaves no trace
        OpenTicket checked = command;
        if (command.batch() != null) {
            confirmedBatchDefects.intakeStarted(command.ticketId(), command.product(), command.batch(),
                    command.requestedAt());
            checked = confirmedBatchDefects.activeIncident(command.product(), command.batch())
                    .map(command::onConfirmedBatchDefect).orElse(command);
        }
        commandGateway.sendAndWait(checked);
        // committed: from here on nothing may fail
        return TicketQueries.fold(Ticket.openingEvents(checked));
    }
}
