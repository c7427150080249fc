package io.aftersales.ticket.command;

import io.aftersales.ticket.api.StorePolicies;

import io.aftersales.ticket.api.OpenTicket;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.modelling.command.Repository;

import java.util.List;

/**
 * Opens a ticket: the handler of {@link OpenTicket}. Everything that can fail happens before the
 * commit; after it nothing is read or sent, so a saved ticket is never answered as an error:
 * <ol>
 *   <li>the platform's default deadline for the seller's answer, when the intake gave none;</li>
 *   <li>the ticket's own rules first ({@link Ticket#openingEvents}): a refused ticket leaves no trace;</li>
 *   <li>record "this ticket is being opened on its batch" ({@link BatchIntakes#intakeStarted});</li>
 *   <li>look up QA's open incident on that batch;</li>
 *   <li>create the ticket, already marked as a confirmed batch defect when there is one (one commit);</li>
 *   <li>answer with the events it recorded (a pure function of the command), from which the web
 *       folds the view it returns.</li>
 * </ol>
 * Steps 2 and 3 against the quality listener's "record the delisting, then read the intakes" make
 * sure one of the two sides marks the ticket; see query's {@code ConfirmedBatchDefects}.
 */
public class TicketIntake {

    private final Repository<Ticket> tickets;
    private final BatchIntakes batchIntakes;
    private final StorePolicies policies;

    public TicketIntake(Repository<Ticket> tickets, BatchIntakes batchIntakes, StorePolicies policies) {
        this.tickets = tickets;
        this.batchIntakes = batchIntakes;
        this.policies = policies;
    }

    /**
     * The events of the ticket as opened. Throws what the event store throws at the commit when the
     * id is already taken (the same platform case or idempotency key again), or the rule violated.
     */
    @CommandHandler
    public List<Object> handle(OpenTicket request) throws Exception {
        OpenTicket command = request.platformDeadline() != null || request.platform() == null ? request
                : policies.platformResponse(request.platform())
                        .map(window -> request.withPlatformDeadline(request.requestedAt().plus(window)))
                        .orElse(request);
        Ticket.openingEvents(command);
        OpenTicket checked = command;
        if (command.batch() != null) {
            batchIntakes.intakeStarted(command.ticketId(), command.product(), command.batch(), command.requestedAt());
            checked = batchIntakes.activeIncident(command.product(), command.batch())
                    .map(command::onConfirmedBatchDefect).orElse(command);
        }
        OpenTicket opening = checked;
        tickets.newInstance(() -> new Ticket(opening));
        return Ticket.openingEvents(opening);
    }
}
