package io.aftersales.ticket.query;

import io.aftersales.ticket.api.AgreementSource;
import io.aftersales.ticket.api.CancelReason;
import io.aftersales.ticket.api.Category;
import io.aftersales.ticket.api.CompensationLine;
import io.aftersales.ticket.api.CompensationLineType;
import io.aftersales.ticket.api.DownstreamPart;
import io.aftersales.ticket.api.DownstreamProgressRecorded;
import io.aftersales.ticket.api.Evidence;
import io.aftersales.ticket.api.EvidenceAttached;
import io.aftersales.ticket.api.EvidenceRequested;
import io.aftersales.ticket.api.Money;
import io.aftersales.ticket.api.Platform;
import io.aftersales.ticket.api.PolicyDecision;
import io.aftersales.ticket.api.PolicyFinding;
import io.aftersales.ticket.api.PolicyOutcome;
import io.aftersales.ticket.api.Proposal;
import io.aftersales.ticket.api.RemarkAdded;
import io.aftersales.ticket.api.ReplyChannel;
import io.aftersales.ticket.api.ReplyRecorded;
import io.aftersales.ticket.api.ResolutionAgreed;
import io.aftersales.ticket.api.ResolutionApproved;
import io.aftersales.ticket.api.ResolutionKind;
import io.aftersales.ticket.api.ResolutionProposed;
import io.aftersales.ticket.api.Responsibility;
import io.aftersales.ticket.api.ResponsibilityDecided;
import io.aftersales.ticket.api.SatisfactionRecorded;
import io.aftersales.ticket.api.TicketAssigned;
import io.aftersales.ticket.api.TicketCancelled;
import io.aftersales.ticket.api.TicketClosed;
import io.aftersales.ticket.api.TicketEscalated;
import io.aftersales.ticket.api.TicketOpened;
import io.aftersales.ticket.api.TicketOutcome;
import io.aftersales.ticket.api.TicketReopened;
import io.aftersales.ticket.api.TicketResolved;
import io.aftersales.ticket.api.VerificationStep;
import io.aftersales.ticket.api.VerificationStepReached;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * One quality ticket's life as events, each by its own actor: opened by agent-1, claimed, answered
 * by phone, photos asked and sent, verified, a goodwill above the agent's limit approved by
 * sup-1, agreed, refunded, resolved, closed and scored.
 */
final class LifecycleEvents {

    static final String STORE = "tmall-flagship";
    static final Instant T0 = Instant.parse("2026-11-23T02:00:00Z");

    private LifecycleEvents() {
    }

    static Money cny(String amount) {
        return new Money(new BigDecimal(amount), "CNY");
    }

    static TicketOpened opened(String id) {
        return new TicketOpened(id, STORE, Platform.TMALL, "order-1", null, "buyer-1", false, "JK2611-RED-M",
                "JK2611", "B1", 1, cny("199.00"), T0.minusSeconds(86_400), Category.QUALITY, "COLOUR_FADING",
                Responsibility.SELLER, "fades", List.of(), "web", "agent-1", T0);
    }

    static TicketAssigned claimed(String id, String agent) {
        return new TicketAssigned(id, STORE, agent, null, true, agent, at(1));
    }

    static PolicyDecision needsSupervisor() {
        return new PolicyDecision(PolicyOutcome.NEEDS_SUPERVISOR, List.of(new PolicyFinding("goodwill-cap",
                PolicyOutcome.NEEDS_SUPERVISOR, cny("29.00"), "goodwill 40.00 is above 29.00")),
                Responsibility.SELLER, cny("40.00"), cny("0.00"));
    }

    static Proposal goodwill() {
        return new Proposal(ResolutionKind.PARTIAL_REFUND,
                List.of(new CompensationLine(CompensationLineType.GOODWILL, cny("40.00"), "fading")), null, null, null);
    }

    /** The whole life, in stream order (sequence = index). */
    static List<Object> life(String id) {
        return List.of(
                opened(id),
                claimed(id, "agent-1"),
                new ReplyRecorded(id, STORE, ReplyChannel.PHONE, "We are on it", true, "agent-1", at(2)),
                new VerificationStepReached(id, VerificationStep.PHOTOS_REQUESTED, "within the photo window", "agent-1", at(3)),
                new EvidenceRequested(id, "photos of the fading", "agent-1", at(3)),
                new EvidenceAttached(id, "buyer-1", List.of(new Evidence("PHOTO", "buyer-1/2.jpg")), "agent-1", at(4)),
                new VerificationStepReached(id, VerificationStep.VERIFIED, "photos show fading", "agent-1", at(5)),
                new ResponsibilityDecided(id, Responsibility.SELLER, Responsibility.SELLER, "dye defect", "agent-1", at(5)),
                new RemarkAdded(id, "VIP, handle with care", true, "agent-1", at(6)),
                new ResolutionProposed(id, STORE, 1, goodwill(), needsSupervisor(), "agent-1", at(7)),
                new ResolutionApproved(id, STORE, 1, "ok", "sup-1", at(8)),
                new ResolutionAgreed(id, STORE, Platform.TMALL, "order-1", "buyer-1", "JK2611-RED-M", "JK2611", "B1", 1,
                        cny("199.00"), 1, 1, ResolutionKind.PARTIAL_REFUND, goodwill().lines(), cny("40.00"),
                        cny("0.00"), Responsibility.SELLER, Responsibility.SELLER, false,
                        Set.of(DownstreamPart.REFUND_PAID), AgreementSource.AGENT, "agent-1", at(9)),
                new DownstreamProgressRecorded(id, 1, DownstreamPart.REFUND_PAID, "refund-9", at(10)),
                new TicketResolved(id, STORE, 1, ResolutionKind.PARTIAL_REFUND, at(10)),
                new TicketClosed(id, STORE, TicketOutcome.RESOLVED, ResolutionKind.PARTIAL_REFUND, false, true,
                        "agent-1", at(11)),
                new SatisfactionRecorded(id, STORE, 5, "quick", "survey-bot", at(12)));
    }

    static TicketEscalated escalated(String id, int minute) {
        return new TicketEscalated(id, STORE, "buyer refused the negotiated offer", "agent-1", at(minute));
    }

    static TicketReopened reopened(String id, int minute) {
        return new TicketReopened(id, STORE, "fading again", "agent-2", at(minute));
    }

    static TicketCancelled cancelled(String id, int minute) {
        return new TicketCancelled(id, STORE, CancelReason.DUPLICATE, "t-0", "agent-1", at(minute));
    }

    static Instant at(int minute) {
        return T0.plusSeconds(60L * minute);
    }
}
