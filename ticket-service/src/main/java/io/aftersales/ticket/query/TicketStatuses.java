package io.aftersales.ticket.query;

import io.aftersales.ticket.api.EvidenceAttached;
import io.aftersales.ticket.api.EvidenceRequested;
import io.aftersales.ticket.api.OfferRefused;
import io.aftersales.ticket.api.PolicyOutcome;
import io.aftersales.ticket.api.ResolutionAgreed;
import io.aftersales.ticket.api.ResolutionApproved;
import io.aftersales.ticket.api.ResolutionProposed;
import io.aftersales.ticket.api.ResolutionRejected;
import io.aftersales.ticket.api.TicketAssigned;
import io.aftersales.ticket.api.TicketCancelled;
import io.aftersales.ticket.api.TicketClosed;
import io.aftersales.ticket.api.TicketOpened;
import io.aftersales.ticket.api.TicketReopened;
import io.aftersales.ticket.api.TicketResolved;
import io.aftersales.ticket.api.TicketStatus;
import io.aftersales.ticket.api.VerificationStep;
import io.aftersales.ticket.api.VerificationStepReached;

/**
 * The status a ticket has after an event (lifecycle.md §1), as the read side tells it: the one
 * rule the ticket's view and the ticket list share, so the two never disagree. It mirrors the
 * event-sourcing handlers of {@code command.Ticket} (which the read side may not import):
 * {@code TicketStatusesTest} replays the aggregate's fixture stories to keep the two equal. Events that do not
 * move a ticket (a reply, a remark, downstream progress) leave it where it was.
 */
final class TicketStatuses {

    private TicketStatuses() {
    }

    /**
     * @param proposalPending whether a proposal waits for an answer before this event (evidence
     *                        arriving then does not end the wait for the buyer's answer)
     */
    static TicketStatus after(TicketStatus current, boolean proposalPending, Object event) {
        if (event instanceof TicketOpened) {
            return TicketStatus.NEW;
        }
        if (event instanceof TicketAssigned) {
            return current == TicketStatus.NEW ? TicketStatus.IN_PROGRESS : current;
        }
        if (event instanceof EvidenceRequested) {
            return TicketStatus.WAITING_BUYER;
        }
        if (event instanceof EvidenceAttached) {
            return current == TicketStatus.WAITING_BUYER && !proposalPending ? TicketStatus.IN_PROGRESS : current;
        }
        if (event instanceof VerificationStepReached e) {
            // the item asked back: the agent works on and verifies it when the warehouse has it
            return e.step() == VerificationStep.ITEM_REQUESTED_BACK ? TicketStatus.IN_PROGRESS : current;
        }
        if (event instanceof ResolutionProposed e) {
            return e.decision().outcome() == PolicyOutcome.NEEDS_SUPERVISOR
                    ? TicketStatus.WAITING_APPROVAL : TicketStatus.WAITING_BUYER;
        }
        if (event instanceof ResolutionApproved) {
            return TicketStatus.WAITING_BUYER;
        }
        if (event instanceof ResolutionRejected || event instanceof OfferRefused || event instanceof TicketReopened) {
            return TicketStatus.IN_PROGRESS;
        }
        if (event instanceof ResolutionAgreed) {
            return TicketStatus.RESOLUTION_AGREED;
        }
        if (event instanceof TicketResolved) {
            return TicketStatus.RESOLVED;
        }
        if (event instanceof TicketClosed) {
            return TicketStatus.CLOSED;
        }
        if (event instanceof TicketCancelled) {
            return TicketStatus.CANCELLED;
        }
        return current;
    }
}
