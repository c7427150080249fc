package io.aftersales.ticket.messaging;

import io.aftersales.contracts.EvidenceRef;
import io.aftersales.contracts.IntegrationEvent;
import io.aftersales.contracts.tickets.v1.CompensationLine;
import io.aftersales.contracts.tickets.v1.PolicyDecision;
import io.aftersales.contracts.tickets.v1.PolicyFinding;
import io.aftersales.platform.messaging.OutgoingEvent;
import io.aftersales.platform.messaging.OutgoingEventTranslator;
import io.aftersales.ticket.api.DefectReported;
import io.aftersales.ticket.api.Evidence;
import io.aftersales.ticket.api.Money;
import io.aftersales.ticket.api.ReplyRecorded;
import io.aftersales.ticket.api.ResolutionAgreed;
import io.aftersales.ticket.api.ResolutionApproved;
import io.aftersales.ticket.api.ResolutionProposed;
import io.aftersales.ticket.api.ResolutionRejected;
import io.aftersales.ticket.api.SatisfactionRecorded;
import io.aftersales.ticket.api.SlaBreached;
import io.aftersales.ticket.api.SlaWarned;
import io.aftersales.ticket.api.TicketAssigned;
import io.aftersales.ticket.api.TicketCancelled;
import io.aftersales.ticket.api.TicketClosed;
import io.aftersales.ticket.api.TicketEscalated;
import io.aftersales.ticket.api.TicketOpened;
import io.aftersales.ticket.api.TicketReopened;
import io.aftersales.ticket.api.TicketResolved;
import io.aftersales.ticket.api.TransactionExtensionRequested;

import java.util.List;
import java.util.Optional;

/**
 * What ticket-service publishes on {@code aftersales.tickets.v1}, always keyed by the ticket id.
 * Internal, never published: remarks, the buyer conversation (a reply's text, the survey comment)
 * and the steps that only matter inside the ticket (evidence requested and attached, verification
 * steps, responsibility decided, offer refused, downstream progress): see docs/events.md.
 */
public class TicketEventTranslator implements OutgoingEventTranslator {

    @Override
    public Optional<OutgoingEvent> translate(Object domainEvent) {
        if (domainEvent instanceof TicketOpened e) {
            return published(io.aftersales.contracts.tickets.v1.TicketOpened.TYPE,
                    new io.aftersales.contracts.tickets.v1.TicketOpened(e.ticketId(), e.storeId(),
                            e.platform().name(), e.orderId(), e.externalId(), e.buyerId(), e.vip(), e.sku(), e.styleCode(),
                            e.batch(), e.quantity(), money(e.paidAmount()), e.signedAt(), e.category().name(), e.defectType(),
                            name(e.responsibility()), evidence(e.evidence()), e.openedBy(), e.openedAt()));
        }
        if (domainEvent instanceof DefectReported e) {
            return published(io.aftersales.contracts.tickets.v1.DefectReported.TYPE,
                    new io.aftersales.contracts.tickets.v1.DefectReported(e.ticketId(), e.storeId(),
                            e.platform().name(), e.buyerId(), e.sku(), e.styleCode(), e.product(), e.batch(),
                            e.category().name(), e.defectType(), e.quantity(), evidence(e.evidence()), e.reportedBy(),
                            e.reportedAt()));
        }
        if (domainEvent instanceof TicketAssigned e) {
            return published(io.aftersales.contracts.tickets.v1.TicketAssigned.TYPE,
                    new io.aftersales.contracts.tickets.v1.TicketAssigned(e.ticketId(), e.storeId(),
                            e.assignee(), e.previousAssignee(), e.claimed(), e.assignedBy(), e.assignedAt()));
        }
        if (domainEvent instanceof ReplyRecorded e) {
            return published(io.aftersales.contracts.tickets.v1.TicketReplied.TYPE,
                    new io.aftersales.contracts.tickets.v1.TicketReplied(e.ticketId(), e.storeId(),
                            e.channel().name(), e.firstReply(), e.repliedBy(), e.repliedAt()));
        }
        if (domainEvent instanceof TicketEscalated e) {
            return published(io.aftersales.contracts.tickets.v1.TicketEscalated.TYPE,
                    new io.aftersales.contracts.tickets.v1.TicketEscalated(e.ticketId(),
                            e.storeId(), e.reason(), e.escalatedBy(), e.escalatedAt()));
        }
        if (domainEvent instanceof ResolutionProposed e) {
            return published(io.aftersales.contracts.tickets.v1.ResolutionProposed.TYPE,
                    new io.aftersales.contracts.tickets.v1.ResolutionProposed(e.ticketId(),
                            e.storeId(), e.proposalNumber(), e.proposal().kind().name(), lines(e.proposal().lines()),
                            name(e.proposal().declineReason()), decision(e.decision()), e.proposedBy(), e.proposedAt()));
        }
        if (domainEvent instanceof ResolutionApproved e) {
            return published(io.aftersales.contracts.tickets.v1.ResolutionApproved.TYPE,
                    new io.aftersales.contracts.tickets.v1.ResolutionApproved(e.ticketId(),
                            e.storeId(), e.proposalNumber(), e.note(), e.approvedBy(), e.approvedAt()));
        }
        if (domainEvent instanceof ResolutionRejected e) {
            return published(io.aftersales.contracts.tickets.v1.ResolutionRejected.TYPE,
                    new io.aftersales.contracts.tickets.v1.ResolutionRejected(e.ticketId(),
                            e.storeId(), e.proposalNumber(), e.note(), e.rejectedBy(), e.rejectedAt()));
        }
        if (domainEvent instanceof ResolutionAgreed e) {
            return published(io.aftersales.contracts.tickets.v1.ResolutionAgreed.TYPE,
                    new io.aftersales.contracts.tickets.v1.ResolutionAgreed(e.ticketId(),
                            e.storeId(), e.platform().name(), e.orderId(), e.buyerId(), e.sku(), e.styleCode(), e.batch(),
                            e.quantity(), money(e.paidAmount()), e.resolutionNumber(), e.proposalNumber(), e.kind().name(),
                            lines(e.lines()), money(e.refundAmount()), money(e.chargedToBuyer()), name(e.responsibility()),
                            name(e.shippingPaidBy()), e.kind().goodsComeBack(), e.batchDefectFastTrack(),
                            e.awaiting().stream().sorted().map(Enum::name).toList(), e.agreedVia().name(), e.agreedBy(),
                            e.agreedAt()));
        }
        if (domainEvent instanceof TransactionExtensionRequested e) {
            return published(io.aftersales.contracts.tickets.v1.TransactionExtensionRequested.TYPE,
                    new io.aftersales.contracts.tickets.v1.TransactionExtensionRequested(e.ticketId(), e.storeId(),
                            e.platform().name(), e.orderId(), e.resolutionNumber(), e.days(), e.requestedBy(),
                            e.requestedAt()));
        }
        if (domainEvent instanceof TicketResolved e) {
            return published(io.aftersales.contracts.tickets.v1.TicketResolved.TYPE,
                    new io.aftersales.contracts.tickets.v1.TicketResolved(e.ticketId(), e.storeId(),
                            e.resolutionNumber(), e.kind().name(), e.resolvedAt()));
        }
        if (domainEvent instanceof TicketClosed e) {
            return published(io.aftersales.contracts.tickets.v1.TicketClosed.TYPE,
                    new io.aftersales.contracts.tickets.v1.TicketClosed(e.ticketId(), e.storeId(),
                            e.outcome().name(), name(e.resolution()), e.automatic(), e.surveySent(), null, e.closedBy(),
                            e.closedAt()));
        }
        if (domainEvent instanceof SatisfactionRecorded e) {
            return published(io.aftersales.contracts.tickets.v1.SatisfactionRecorded.TYPE,
                    new io.aftersales.contracts.tickets.v1.SatisfactionRecorded(e.ticketId(),
                            e.storeId(), e.score(), e.recordedBy(), e.recordedAt()));
        }
        if (domainEvent instanceof TicketReopened e) {
            return published(io.aftersales.contracts.tickets.v1.TicketReopened.TYPE,
                    new io.aftersales.contracts.tickets.v1.TicketReopened(e.ticketId(), e.storeId(),
                            e.reason(), e.reopenedBy(), e.reopenedAt()));
        }
        if (domainEvent instanceof TicketCancelled e) {
            return published(io.aftersales.contracts.tickets.v1.TicketCancelled.TYPE,
                    new io.aftersales.contracts.tickets.v1.TicketCancelled(e.ticketId(),
                            e.storeId(), e.reason().name(), e.duplicateOf(), e.cancelledBy(), e.cancelledAt()));
        }
        if (domainEvent instanceof SlaWarned e) {
            return published(io.aftersales.contracts.tickets.v1.SlaWarning.TYPE,
                    new io.aftersales.contracts.tickets.v1.SlaWarning(e.ticketId(), e.storeId(), e.clock().name(),
                            e.cycle(), e.target().toString(), e.elapsed().toString(), e.dueAt(), "SUPERVISORS",
                            e.warnedAt()));
        }
        if (domainEvent instanceof SlaBreached e) {
            return published(io.aftersales.contracts.tickets.v1.SlaBreached.TYPE,
                    new io.aftersales.contracts.tickets.v1.SlaBreached(e.ticketId(), e.storeId(), e.clock().name(),
                            e.cycle(), e.target().toString(), e.dueAt(), e.breachedAt()));
        }
        return Optional.empty();
    }

    private static Optional<OutgoingEvent> published(String type, IntegrationEvent contract) {
        return Optional.of(new OutgoingEvent(type, contract.subject(), contract));
    }

    private static io.aftersales.contracts.Money money(Money money) {
        return money == null ? null
                : new io.aftersales.contracts.Money(money.amount().toPlainString(), money.currency());
    }

    private static String name(Enum<?> value) {
        return value == null ? null : value.name();
    }

    private static List<CompensationLine> lines(List<io.aftersales.ticket.api.CompensationLine> lines) {
        return lines.stream().map(line -> new CompensationLine(line.type().name(), money(line.amount()), line.note()))
                .toList();
    }

    private static PolicyDecision decision(io.aftersales.ticket.api.PolicyDecision decision) {
        return new PolicyDecision(decision.outcome().name(),
                decision.findings().stream().map(finding -> new PolicyFinding(finding.rule(), finding.outcome().name(),
                        money(finding.limit()), finding.explanation())).toList(),
                name(decision.shippingPaidBy()), money(decision.refundAmount()), money(decision.chargedToBuyer()));
    }

    private static List<EvidenceRef> evidence(List<Evidence> evidence) {
        return evidence.stream().map(item -> new EvidenceRef(item.kind(), item.ref())).toList();
    }
}
