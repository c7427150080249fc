package io.aftersales.ticket.query;

import io.aftersales.ticket.api.Actors;
import io.aftersales.ticket.api.BatchDefectConfirmed;
import io.aftersales.ticket.api.DefectReported;
import io.aftersales.ticket.api.DownstreamPart;
import io.aftersales.ticket.api.DownstreamProgressRecorded;
import io.aftersales.ticket.api.Evidence;
import io.aftersales.ticket.api.EvidenceAttached;
import io.aftersales.ticket.api.EvidenceRequested;
import io.aftersales.ticket.api.FindTicket;
import io.aftersales.ticket.api.FindTicketHistory;
import io.aftersales.ticket.api.OfferRefused;
import io.aftersales.ticket.api.RemarkAdded;
import io.aftersales.ticket.api.ReplyRecorded;
import io.aftersales.ticket.api.ResolutionAgreed;
import io.aftersales.ticket.api.ResolutionApproved;
import io.aftersales.ticket.api.ResolutionProposed;
import io.aftersales.ticket.api.ResolutionRejected;
import io.aftersales.ticket.api.Responsibility;
import io.aftersales.ticket.api.ResponsibilityDecided;
import io.aftersales.ticket.api.SatisfactionRecorded;
import io.aftersales.ticket.api.TicketAssigned;
import io.aftersales.ticket.api.TicketCancelled;
import io.aftersales.ticket.api.TicketClosed;
import io.aftersales.ticket.api.TicketEscalated;
import io.aftersales.ticket.api.PlatformAutoApproved;
import io.aftersales.ticket.api.TicketOpened;
import io.aftersales.ticket.api.TicketReopened;
import io.aftersales.ticket.api.TicketResolved;
import io.aftersales.ticket.api.TicketStatus;
import io.aftersales.ticket.api.TransactionExtensionRequested;
import io.aftersales.ticket.api.VerificationStep;
import io.aftersales.ticket.api.VerificationStepReached;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.queryhandling.QueryHandler;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Answers for one ticket straight from its event stream: always current (no projection lag right
 * after the ticket was opened), and a ticket's stream is short. Read from its first event ({@code readEvents(id, 0)}):
 * the plain read starts from the aggregate's snapshot, which is not an event.
 */
public class TicketQueries {

    private final EventStore eventStore;

    public TicketQueries(EventStore eventStore) {
        this.eventStore = eventStore;
    }

    @QueryHandler
    public Optional<TicketView> handle(FindTicket query) {
        TicketView view = null;
        DomainEventStream stream = eventStore.readEvents(query.ticketId(), 0);
        while (stream.hasNext()) {
            DomainEventMessage<?> event = stream.next();
            view = apply(view, event.getPayload(), event.getSequenceNumber());
        }
        return Optional.ofNullable(view);
    }

    @QueryHandler
    public List<HistoryEntry> handle(FindTicketHistory query) {
        List<HistoryEntry> history = new ArrayList<>();
        DomainEventStream stream = eventStore.readEvents(query.ticketId(), 0);
        while (stream.hasNext()) {
            DomainEventMessage<?> event = stream.next();
            history.add(new HistoryEntry(event.getSequenceNumber(), event.getPayloadType().getSimpleName(),
                    actorOf(event.getPayload()), event.getTimestamp(), event.getPayload()));
        }
        return history;
    }

    /** The view of a ticket whose whole stream is these events (sequence numbers 0, 1, ...). */
    public static TicketView fold(List<Object> events) {
        TicketView view = null;
        for (int sequence = 0; sequence < events.size(); sequence++) {
            view = apply(view, events.get(sequence), sequence);
        }
        return view;
    }

    static TicketView apply(TicketView view, Object event, long version) {
        if (event instanceof TicketOpened e) {
            return new TicketView(e.ticketId(), e.storeId(), e.platform(), e.orderId(), e.externalId(), e.buyerId(),
                    e.vip(), e.sku(), e.styleCode(), e.batch(), e.quantity(), e.paidAmount(), e.signedAt(),
                    e.category(), e.defectType(), e.responsibility(), e.description(), e.evidence(), e.channel(),
                    TicketStatus.NEW, false, null, List.of(), null,
                    VerificationStep.appliesTo(e.category()) ? VerificationStep.PENDING : null, null, List.of(), null,
                    false, null, null, null, null, null, null, e.openedBy(), e.openedAt(), e.openedAt(), version);
        }
        if (view == null) {
            return null;
        }
        Draft next = new Draft(view);
        next.status = TicketStatuses.after(view.status(), view.pendingProposal() != null, event);
        if (event instanceof DefectReported e) {
            next.defectReported = true;
            next.updatedAt = e.reportedAt();
        } else if (event instanceof RemarkAdded e) {
            next.remarks = append(view.remarks(), new TicketView.Remark(e.text(), e.flagged(), e.addedBy(), e.addedAt()));
            next.updatedAt = e.addedAt();
        } else if (event instanceof BatchDefectConfirmed e) {
            next.batchDefect = new TicketView.BatchDefect(e.incidentId(), e.confirmedAt());
            if (view.verification() != null && view.verification() != VerificationStep.VERIFIED) {
                next.verification = VerificationStep.WAIVED_BATCH_DEFECT; // QA's confirmation is the proof
            }
            next.updatedAt = e.confirmedAt();
        } else if (event instanceof TicketAssigned e) {
            next.assignee = e.assignee();
            next.updatedAt = e.assignedAt();
        } else if (event instanceof ReplyRecorded e) {
            next.replies = append(view.replies(),
                    new TicketView.Reply(e.channel(), e.text(), e.firstReply(), e.repliedBy(), e.repliedAt()));
            if (e.firstReply() || view.firstReplyAt() == null) {
                next.firstReplyAt = view.firstReplyAt() == null ? e.repliedAt() : view.firstReplyAt();
            }
            next.updatedAt = e.repliedAt();
        } else if (event instanceof EvidenceRequested e) {
            next.evidenceRequested = new TicketView.EvidenceRequest(e.what(), e.requestedBy(), e.requestedAt());
            next.updatedAt = e.requestedAt();
        } else if (event instanceof EvidenceAttached e) {
            List<Evidence> evidence = new ArrayList<>(view.evidence());
            evidence.addAll(e.evidence());
            next.evidence = List.copyOf(evidence);
            next.evidenceRequested = null;
            next.updatedAt = e.attachedAt();
        } else if (event instanceof ResponsibilityDecided e) {
            next.responsibility = e.responsibility();
            next.updatedAt = e.decidedAt();
        } else if (event instanceof VerificationStepReached e) {
            next.verification = e.step();
            next.escalated = view.escalated() || e.step() == VerificationStep.ESCALATED;
            next.updatedAt = e.at();
        } else if (event instanceof ResolutionProposed e) {
            next.pendingProposal = new TicketView.PendingProposal(e.proposalNumber(), e.proposal(), e.decision(),
                    e.proposedBy(), e.proposedAt(), null, null);
            next.updatedAt = e.proposedAt();
        } else if (event instanceof ResolutionApproved e) {
            TicketView.PendingProposal pending = view.pendingProposal();
            if (pending != null && pending.number() == e.proposalNumber()) {
                next.pendingProposal = new TicketView.PendingProposal(pending.number(), pending.proposal(),
                        pending.decision(), pending.proposedBy(), pending.proposedAt(), e.approvedBy(), e.approvedAt());
            }
            next.updatedAt = e.approvedAt();
        } else if (event instanceof ResolutionRejected e) {
            next.pendingProposal = null;
            next.updatedAt = e.rejectedAt();
        } else if (event instanceof OfferRefused e) {
            next.pendingProposal = null;
            next.updatedAt = e.refusedAt();
        } else if (event instanceof TicketEscalated e) {
            next.escalated = true;
            next.updatedAt = e.escalatedAt();
        } else if (event instanceof ResolutionAgreed e) {
            next.pendingProposal = null;
            next.escalated = false;
            next.responsibility = e.responsibility() == null ? view.responsibility() : e.responsibility();
            next.resolution = new TicketView.AgreedResolution(e.resolutionNumber(), e.proposalNumber(), e.kind(),
                    List.copyOf(e.lines()), e.refundAmount(), e.chargedToBuyer(), e.shippingPaidBy(),
                    e.batchDefectFastTrack(), Set.copyOf(e.awaiting()), Set.of(), Set.copyOf(e.awaiting()),
                    e.agreedVia(), e.agreedBy(), e.agreedAt());
            next.updatedAt = e.agreedAt();
        } else if (event instanceof DownstreamProgressRecorded e) {
            TicketView.AgreedResolution agreed = view.resolution();
            if (agreed != null && agreed.number() == e.resolutionNumber()) {
                Set<DownstreamPart> done = EnumSet.noneOf(DownstreamPart.class);
                done.addAll(agreed.done());
                done.add(e.part());
                Set<DownstreamPart> open = EnumSet.noneOf(DownstreamPart.class);
                open.addAll(agreed.awaiting());
                open.removeAll(done);
                next.resolution = new TicketView.AgreedResolution(agreed.number(), agreed.proposalNumber(),
                        agreed.kind(), agreed.lines(), agreed.refundAmount(), agreed.chargedToBuyer(),
                        agreed.shippingPaidBy(), agreed.batchDefectFastTrack(), agreed.awaiting(), Set.copyOf(done),
                        Set.copyOf(open), agreed.agreedVia(), agreed.agreedBy(), agreed.agreedAt());
            }
            next.updatedAt = e.happenedAt();
        } else if (event instanceof TransactionExtensionRequested e) {
            next.updatedAt = e.requestedAt();
        } else if (event instanceof TicketResolved e) {
            next.resolvedAt = e.resolvedAt();
            next.updatedAt = e.resolvedAt();
        } else if (event instanceof TicketClosed e) {
            next.closedAt = e.closedAt();
            next.updatedAt = e.closedAt();
        } else if (event instanceof SatisfactionRecorded e) {
            next.satisfaction = new TicketView.Satisfaction(e.score(), e.comment(), e.recordedBy(), e.recordedAt());
            next.updatedAt = e.recordedAt();
        } else if (event instanceof TicketReopened e) {
            next.resolvedAt = null;
            next.closedAt = null;
            next.satisfaction = null;
            next.updatedAt = e.reopenedAt();
        } else if (event instanceof TicketCancelled e) {
            next.pendingProposal = null;
            next.escalated = false;
            next.cancellation = new TicketView.Cancellation(e.reason(), e.duplicateOf(), e.cancelledBy(),
                    e.cancelledAt());
            next.updatedAt = e.cancelledAt();
        }
        return next.build(version);
    }

    private static <T> List<T> append(List<T> list, T item) {
        List<T> longer = new ArrayList<>(list);
        longer.add(item);
        return List.copyOf(longer);
    }

    /** The view being changed by one event: every field starts as it was. */
    private static final class Draft {
        private final TicketView v;
        private Responsibility responsibility;
        private List<Evidence> evidence;
        private TicketStatus status;
        private boolean defectReported;
        private TicketView.BatchDefect batchDefect;
        private List<TicketView.Remark> remarks;
        private String assignee;
        private VerificationStep verification;
        private TicketView.EvidenceRequest evidenceRequested;
        private List<TicketView.Reply> replies;
        private Instant firstReplyAt;
        private boolean escalated;
        private TicketView.PendingProposal pendingProposal;
        private TicketView.AgreedResolution resolution;
        private Instant resolvedAt;
        private Instant closedAt;
        private TicketView.Satisfaction satisfaction;
        private TicketView.Cancellation cancellation;
        private Instant updatedAt;

        Draft(TicketView v) {
            this.v = v;
            responsibility = v.responsibility();
            evidence = v.evidence();
            status = v.status();
            defectReported = v.defectReported();
            batchDefect = v.batchDefect();
            remarks = v.remarks();
            assignee = v.assignee();
            verification = v.verification();
            evidenceRequested = v.evidenceRequested();
            replies = v.replies();
            firstReplyAt = v.firstReplyAt();
            escalated = v.escalated();
            pendingProposal = v.pendingProposal();
            resolution = v.resolution();
            resolvedAt = v.resolvedAt();
            closedAt = v.closedAt();
            satisfaction = v.satisfaction();
            cancellation = v.cancellation();
            updatedAt = v.updatedAt();
        }

        TicketView build(long version) {
            return new TicketView(v.id(), v.storeId(), v.platform(), v.orderId(), v.externalId(), v.buyerId(), v.vip(),
                    v.sku(), v.styleCode(), v.batch(), v.quantity(), v.paidAmount(), v.signedAt(), v.category(),
                    v.defectType(), responsibility, v.description(), evidence, v.channel(), status, defectReported,
                    batchDefect, remarks, assignee, verification, evidenceRequested, replies, firstReplyAt, escalated,
                    pendingProposal, resolution, resolvedAt, closedAt, satisfaction, cancellation, v.openedBy(),
                    v.openedAt(), updatedAt, version);
        }
    }

    /** Who did it: each event names its actor in its own field; downstream progress and resolving are the system's. */
    static String actorOf(Object event) {
        if (event instanceof TicketOpened e) {
            return e.openedBy();
        }
        if (event instanceof PlatformAutoApproved e) {
            return e.recordedBy();
        }
        if (event instanceof DefectReported e) {
            return e.reportedBy();
        }
        if (event instanceof RemarkAdded e) {
            return e.addedBy();
        }
        if (event instanceof BatchDefectConfirmed e) {
            return e.confirmedBy();
        }
        if (event instanceof TicketAssigned e) {
            return e.assignedBy();
        }
        if (event instanceof ReplyRecorded e) {
            return e.repliedBy();
        }
        if (event instanceof EvidenceRequested e) {
            return e.requestedBy();
        }
        if (event instanceof EvidenceAttached e) {
            return e.attachedBy();
        }
        if (event instanceof ResponsibilityDecided e) {
            return e.decidedBy();
        }
        if (event instanceof VerificationStepReached e) {
            return e.actor();
        }
        if (event instanceof ResolutionProposed e) {
            return e.proposedBy();
        }
        if (event instanceof ResolutionApproved e) {
            return e.approvedBy();
        }
        if (event instanceof ResolutionRejected e) {
            return e.rejectedBy();
        }
        if (event instanceof OfferRefused e) {
            return e.recordedBy();
        }
        if (event instanceof TicketEscalated e) {
            return e.escalatedBy();
        }
        if (event instanceof ResolutionAgreed e) {
            return e.agreedBy();
        }
        if (event instanceof TransactionExtensionRequested e) {
            return e.requestedBy();
        }
        if (event instanceof TicketClosed e) {
            return e.closedBy();
        }
        if (event instanceof SatisfactionRecorded e) {
            return e.recordedBy();
        }
        if (event instanceof TicketReopened e) {
            return e.reopenedBy();
        }
        if (event instanceof TicketCancelled e) {
            return e.cancelledBy();
        }
        return Actors.SYSTEM;
    }
}
