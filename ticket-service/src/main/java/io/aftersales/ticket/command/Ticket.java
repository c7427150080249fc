package io.aftersales.ticket.command;

import io.aftersales.ticket.api.ActionNotAllowed;
import io.aftersales.ticket.api.Actors;
import io.aftersales.ticket.api.AddRemark;
import io.aftersales.ticket.api.AgreeResolution;
import io.aftersales.ticket.api.AgreementSource;
import io.aftersales.ticket.api.ApproveResolution;
import io.aftersales.ticket.api.AssessQuality;
import io.aftersales.ticket.api.AssignTicket;
import io.aftersales.ticket.api.AttachEvidence;
import io.aftersales.ticket.api.BatchDefectConfirmed;
import io.aftersales.ticket.api.CancelReason;
import io.aftersales.ticket.api.CancelTicket;
import io.aftersales.ticket.api.Category;
import io.aftersales.ticket.api.ClockAlert;
import io.aftersales.ticket.api.ClockReading;
import io.aftersales.ticket.api.ClockState;
import io.aftersales.ticket.api.RecordClockAlert;
import io.aftersales.ticket.api.EscalateTicket;
import io.aftersales.ticket.api.SlaBreached;
import io.aftersales.ticket.api.SlaWarned;
import io.aftersales.ticket.api.TicketClocks;
import io.aftersales.ticket.api.ClaimTicket;
import io.aftersales.ticket.api.CompensationLineType;
import io.aftersales.ticket.api.CloseTicket;
import io.aftersales.ticket.api.ConfirmBatchDefect;
import io.aftersales.ticket.api.DecideResponsibility;
import io.aftersales.ticket.api.DefectReported;
import io.aftersales.ticket.api.DownstreamPart;
import io.aftersales.ticket.api.DownstreamProgressRecorded;
import io.aftersales.ticket.api.Evidence;
import io.aftersales.ticket.api.EvidenceAttached;
import io.aftersales.ticket.api.EvidenceRequested;
import io.aftersales.ticket.api.Money;
import io.aftersales.ticket.api.OfferRefused;
import io.aftersales.ticket.api.OpenTicket;
import io.aftersales.ticket.api.Platform;
import io.aftersales.ticket.api.PlatformAutoApproved;
import io.aftersales.ticket.api.PlatformDeadlineSet;
import io.aftersales.ticket.api.PlatformDecision;
import io.aftersales.ticket.api.PolicyDecision;
import io.aftersales.ticket.api.RecordPlatformDecision;
import io.aftersales.ticket.api.PolicyOutcome;
import io.aftersales.ticket.api.Product;
import io.aftersales.ticket.api.Proposal;
import io.aftersales.ticket.api.ProposalRefused;
import io.aftersales.ticket.api.ProposeResolution;
import io.aftersales.ticket.api.RecordDownstreamProgress;
import io.aftersales.ticket.api.RecordOfferRefused;
import io.aftersales.ticket.api.RecordPhotosRefused;
import io.aftersales.ticket.api.RecordReply;
import io.aftersales.ticket.api.RecordSatisfaction;
import io.aftersales.ticket.api.RejectResolution;
import io.aftersales.ticket.api.RemarkAdded;
import io.aftersales.ticket.api.ReopenTicket;
import io.aftersales.ticket.api.ReplyChannel;
import io.aftersales.ticket.api.ReplyRecorded;
import io.aftersales.ticket.api.RequestEvidence;
import io.aftersales.ticket.api.ResolutionAgreed;
import io.aftersales.ticket.api.ResolutionApproved;
import io.aftersales.ticket.api.ResolutionKind;
import io.aftersales.ticket.api.ResolutionProposed;
import io.aftersales.ticket.api.ResolutionRejected;
import io.aftersales.ticket.api.Responsibility;
import io.aftersales.ticket.api.ResponsibilityDecided;
import io.aftersales.ticket.api.SatisfactionRecorded;
import io.aftersales.ticket.api.StorePolicies;
import io.aftersales.ticket.api.TicketAssigned;
import io.aftersales.ticket.api.TicketCancelled;
import io.aftersales.ticket.api.TicketClosed;
import io.aftersales.ticket.api.TicketEscalated;
import io.aftersales.ticket.api.TicketOpened;
import io.aftersales.ticket.api.TicketOutcome;
import io.aftersales.ticket.api.TicketReopened;
import io.aftersales.ticket.api.TicketResolved;
import io.aftersales.ticket.api.TicketRuleViolation;
import io.aftersales.ticket.api.TicketStateConflict;
import io.aftersales.ticket.api.TicketStatus;
import io.aftersales.ticket.api.TransactionExtensionRequested;
import io.aftersales.ticket.api.VerificationStep;
import io.aftersales.ticket.api.VerificationStepReached;
import io.aftersales.ticket.api.VerifyQuality;
import org.axonframework.commandhandling.CommandHandler;
import com.fasterxml.jackson.annotation.JsonAutoDetect;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * One customer's after-sales case on one order line. Its event stream is the case's audit trail:
 * every action records who did it and when.
 */
@Aggregate(snapshotTriggerDefinition = "ticketSnapshotTrigger")
// snapshots are serialized with Jackson: the state is in private fields without getters
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public class Ticket {

    private static final int MAX_TEXT_LENGTH = 2000;
    private static final Set<TicketStatus> BEFORE_AGREEMENT = EnumSet.of(TicketStatus.NEW, TicketStatus.IN_PROGRESS,
            TicketStatus.WAITING_BUYER, TicketStatus.WAITING_APPROVAL);
    private static final Set<TicketStatus> BEFORE_PROPOSAL = EnumSet.of(TicketStatus.NEW, TicketStatus.IN_PROGRESS,
            TicketStatus.WAITING_BUYER);
    private static final Set<TicketStatus> WORKABLE_AFTER_AGREEMENT = EnumSet.of(TicketStatus.NEW,
            TicketStatus.IN_PROGRESS, TicketStatus.WAITING_BUYER, TicketStatus.WAITING_APPROVAL,
            TicketStatus.RESOLUTION_AGREED, TicketStatus.RESOLVED);

    @AggregateIdentifier
    private String ticketId;
    private String storeId;
    private Platform platform;
    private String orderId;
    private String buyerId;
    private String sku;
    private String styleCode;
    private String product;
    private String batch;
    private int quantity;
    private Money paidAmount;
    private Instant signedAt;
    private Category category;
    private final Set<String> confirmedIncidents = new HashSet<>();
    private TicketStatus status;
    private String assignee;
    private Responsibility responsibility;
    private VerificationStep verification;
    private boolean replied;
    private boolean escalated;
    private Instant lastEscalatedAt;
    private int proposals;
    private Pending pending;
    private int resolutions;
    private ResolutionKind agreedKind;
    private BigDecimal refunded;
    private final Set<DownstreamPart> awaiting = EnumSet.noneOf(DownstreamPart.class);
    private final Map<Integer, Set<DownstreamPart>> doneParts = new HashMap<>();
    private final Set<String> recordedReports = new HashSet<>();
    private Instant resolvedAt;
    private Instant closedAt;
    private Integer satisfaction;
    private final TicketClocks clocks = new TicketClocks();
    private boolean platformDecided;

    protected Ticket() {
        // Axon rebuilds the ticket from its events
    }

    /** Created by {@link TicketIntake}, the handler of {@link OpenTicket}. */
    Ticket(OpenTicket command) {
        openingEvents(command).forEach(event -> apply(event));
    }

    /**
     * What opening a ticket records, in order: the ticket, its defect report (when its category and
     * defect type report one) and, when intake found QA's incident open on its batch, the batch
     * defect confirmation. A pure function of the command, so intake can answer with the ticket it
     * opened without reading anything after the commit.
     */
    public static List<Object> openingEvents(OpenTicket command) {
        if (command.quantity() <= 0) {
            throw new TicketRuleViolation("quantity", "must be at least 1");
        }
        if (command.category().requiresDefectType() && isBlank(command.defectType())) {
            throw new TicketRuleViolation("defectType", "is required for a quality complaint");
        }
        List<Evidence> evidence = command.evidence() == null ? List.of() : List.copyOf(command.evidence());
        List<Object> events = new ArrayList<>();
        events.add(new TicketOpened(command.ticketId(), command.storeId(), command.platform(), command.orderId(),
                command.externalId(), command.buyerId(), command.vip(), command.sku(), command.styleCode(),
                command.batch(), command.quantity(), command.paidAmount(), command.signedAt(), command.category(),
                command.defectType(), command.category().presumedResponsibility().orElse(null),
                command.description(), evidence, command.channel(), command.actor(), command.requestedAt()));
        Category category = command.category();
        if (category.reportsDefect(command.defectType())) {
            events.add(new DefectReported(command.ticketId(), command.storeId(), command.platform(), command.buyerId(),
                    command.sku(), command.styleCode(), command.batch(), category, command.defectType(),
                    command.quantity(), evidence, command.actor(), command.requestedAt()));
        }
        if (command.platformDeadline() != null) {
            events.add(new PlatformDeadlineSet(command.ticketId(), command.storeId(), command.platform(),
                    command.platformDeadline(), command.requestedAt()));
        }
        if (command.batchDefectIncidentId() != null && command.batch() != null) {
            events.add(new BatchDefectConfirmed(command.ticketId(), command.batchDefectIncidentId(), command.product(),
                    command.batch(), Actors.SYSTEM, command.requestedAt()));
        }
        return List.copyOf(events);
    }

    @CommandHandler
    public void handle(AddRemark command) {
        if (isBlank(command.text())) {
            throw new TicketRuleViolation("text", "must not be blank");
        }
        if (command.text().length() > MAX_TEXT_LENGTH) {
            throw new TicketRuleViolation("text", "must be at most " + MAX_TEXT_LENGTH + " characters");
        }
        apply(new RemarkAdded(ticketId, command.text(), command.flagged(), command.actor(), command.requestedAt()));
    }

    /**
     * Idempotent per incident: a redelivered delisting changes nothing the second time. A quality
     * claim not yet verified needs no more proof from then on (see the event's sourcing handler).
     */
    @CommandHandler
    public void handle(ConfirmBatchDefect command) {
        if (!command.product().equals(product) || !command.batch().equals(batch)) {
            throw new TicketRuleViolation("batch", "the ticket is about " + product + " batch " + batch
                    + ", not " + command.product() + " batch " + command.batch());
        }
        if (confirmedIncidents.contains(command.incidentId())) {
            return;
        }
        apply(new BatchDefectConfirmed(ticketId, command.incidentId(), product, batch, command.actor(),
                command.confirmedAt()));
    }

    /** An agent takes the ticket from the store's pool; a ticket already taken is not in the pool. */
    @CommandHandler
    public void handle(ClaimTicket command) {
        require("claimed", EnumSet.of(TicketStatus.NEW), assignee == null ? null : "it is with " + assignee);
        apply(new TicketAssigned(ticketId, storeId, command.actor(), null, true, command.actor(), command.requestedAt()));
    }

    @CommandHandler
    public void handle(AssignTicket command) {
        require("assigned", TicketStatus.OPEN, null);
        String assigneeId = requireText("assignee", command.assignee(), 200);
        if (assigneeId.equals(assignee)) {
            return;
        }
        apply(new TicketAssigned(ticketId, storeId, assigneeId, assignee, false, command.actor(), command.requestedAt()));
    }

    /** Any reply except on a closed or cancelled ticket; the first one stops the first-reply clock. */
    @CommandHandler
    public void handle(RecordReply command) {
        require("replied to", WORKABLE_AFTER_AGREEMENT, null);
        if (command.channel() == null) {
            throw new TicketRuleViolation("channel", "must be one of " + EnumSet.allOf(ReplyChannel.class));
        }
        String text = requireText("text", command.text(), MAX_TEXT_LENGTH);
        apply(new ReplyRecorded(ticketId, storeId, command.channel(), text, !replied, command.actor(),
                command.requestedAt()));
    }

    @CommandHandler
    public void handle(RequestEvidence command) {
        require("asked for evidence", EnumSet.of(TicketStatus.IN_PROGRESS), null);
        String what = requireText("what", command.what(), MAX_TEXT_LENGTH);
        apply(new EvidenceRequested(ticketId, what, command.actor(), command.requestedAt()));
    }

    /** Evidence is referenced, never stored in the event: photos are archived under the buyer's id. */
    @CommandHandler
    public void handle(AttachEvidence command) {
        require("given evidence", TicketStatus.OPEN, null);
        if (command.evidence() == null || command.evidence().isEmpty()) {
            throw new TicketRuleViolation("evidence", "must name at least one piece of evidence");
        }
        for (Evidence item : command.evidence()) {
            if (item == null || isBlank(item.kind()) || isBlank(item.ref())) {
                throw new TicketRuleViolation("evidence", "every piece needs a kind and a ref");
            }
        }
        apply(new EvidenceAttached(ticketId, buyerId, List.copyOf(command.evidence()), command.actor(),
                command.requestedAt()));
        if (verification == VerificationStep.PHOTOS_REQUESTED) {
            apply(new VerificationStepReached(ticketId, VerificationStep.PHOTOS_RECEIVED, "the buyer sent evidence",
                    command.actor(), command.requestedAt()));
        }
    }

    /** Decided before a resolution is proposed: it is what the policy charges shipping by. */
    @CommandHandler
    public void handle(DecideResponsibility command) {
        require("given a responsibility", BEFORE_PROPOSAL, null);
        if (command.responsibility() == null) {
            throw new TicketRuleViolation("responsibility", "must be one of " + EnumSet.allOf(Responsibility.class));
        }
        if (command.responsibility() == responsibility) {
            return;
        }
        apply(new ResponsibilityDecided(ticketId, command.responsibility(), responsibility, command.reason(),
                command.actor(), command.requestedAt()));
    }

    /**
     * Starts the proof of a quality claim: signed for within the store's photo window and not worn
     * → photos are requested; past it or worn → compensation is negotiated. A sign-for time the
     * platform did not give is not held against the buyer.
     */
    @CommandHandler
    public void handle(AssessQuality command, StorePolicies policies) {
        require("assessed", EnumSet.of(TicketStatus.IN_PROGRESS), null);
        requireVerification("assessed", EnumSet.of(VerificationStep.PENDING));
        Duration window = policies.timings(storeId).photoWindow();
        boolean inWindow = signedAt == null || !command.requestedAt().isAfter(signedAt.plus(window));
        if (inWindow && !command.worn()) {
            apply(new VerificationStepReached(ticketId, VerificationStep.PHOTOS_REQUESTED,
                    "signed for within the photo window of " + window.toDays() + " days and not worn",
                    command.actor(), command.requestedAt()));
            apply(new EvidenceRequested(ticketId, "photos of the defect", command.actor(), command.requestedAt()));
        } else {
            apply(new VerificationStepReached(ticketId, VerificationStep.NEGOTIATING, command.worn()
                    ? "the item was worn" : "signed for more than " + window.toDays() + " days ago",
                    command.actor(), command.requestedAt()));
        }
    }

    /** The photos (or, when the buyer would not send them, the returned item) prove the defect. */
    @CommandHandler
    public void handle(VerifyQuality command) {
        require("verified", EnumSet.of(TicketStatus.IN_PROGRESS), null);
        requireVerification("verified", EnumSet.of(VerificationStep.PHOTOS_RECEIVED,
                VerificationStep.ITEM_REQUESTED_BACK));
        apply(new VerificationStepReached(ticketId, VerificationStep.VERIFIED,
                isBlank(command.note()) ? "defect verified" : command.note(), command.actor(), command.requestedAt()));
    }

    /** No photos: the item comes back and the warehouse verifies it, so a return can be proposed. */
    @CommandHandler
    public void handle(RecordPhotosRefused command) {
        require("told the buyer refused photos", EnumSet.of(TicketStatus.WAITING_BUYER), null);
        requireVerification("told the buyer refused photos", EnumSet.of(VerificationStep.PHOTOS_REQUESTED));
        apply(new VerificationStepReached(ticketId, VerificationStep.ITEM_REQUESTED_BACK,
                isBlank(command.note()) ? "the buyer will not send photos" : command.note(), command.actor(),
                command.requestedAt()));
    }

    /**
     * Offers a resolution, decided by the store's compensation policy: refused → nothing recorded
     * and the decision explains why; above the agent's limits → waits for a supervisor; otherwise
     * offered to the buyer. A quality claim is offered compensation only once proven (or
     * negotiated, or waived by a batch defect); a return is offered when the warehouse will verify.
     */
    @CommandHandler
    public PolicyDecision handle(ProposeResolution command, StorePolicies policies) {
        require("offered a resolution", EnumSet.of(TicketStatus.IN_PROGRESS), null);
        Proposal proposal = command.proposal();
        if (proposal == null || proposal.kind() == null) {
            throw new TicketRuleViolation("kind", "must be one of " + EnumSet.allOf(ResolutionKind.class));
        }
        if (verification != null && proposal.kind() != ResolutionKind.DECLINE && !verification.isSettled()
                && !(verification == VerificationStep.ITEM_REQUESTED_BACK && proposal.kind().goodsComeBack())) {
            throw new TicketStateConflict("offered a resolution", status, "the quality claim is not proven yet ("
                    + verification + ")" + (verification == VerificationStep.ITEM_REQUESTED_BACK
                    ? ": only a return lets the warehouse verify it" : ""));
        }
        if (escalated && !command.bySupervisor()) {
            throw new ActionNotAllowed("The ticket is escalated: a supervisor proposes its resolution");
        }
        CaseFacts facts = new CaseFacts(paidAmount, alreadyRefunded(), responsibility, category, product, signedAt,
                !confirmedIncidents.isEmpty(), command.requestedAt());
        PolicyDecision decision = CompensationPolicy.decide(proposal, facts, policies.compensation(storeId),
                command.bySupervisor());
        if (decision.outcome() == PolicyOutcome.REFUSED) {
            throw new ProposalRefused(decision);
        }
        apply(new ResolutionProposed(ticketId, storeId, proposals + 1, proposal, decision, command.actor(),
                command.requestedAt()));
        return decision;
    }

    /** Only a supervisor, and never the one who proposed it, approves a proposal above the agent's limits. */
    @CommandHandler
    public void handle(ApproveResolution command) {
        Pending proposal = pendingApproval("approved", command.proposalNumber());
        if (proposal.proposedBy().equals(command.actor())) {
            throw new ActionNotAllowed("Nobody approves their own proposal: another supervisor must");
        }
        apply(new ResolutionApproved(ticketId, storeId, proposal.number(), command.note(), command.actor(),
                command.requestedAt()));
    }

    @CommandHandler
    public void handle(RejectResolution command) {
        Pending proposal = pendingApproval("rejected", command.proposalNumber());
        apply(new ResolutionRejected(ticketId, storeId, proposal.number(), command.note(), command.actor(),
                command.requestedAt()));
    }

    /**
     * The buyer accepted the offer: the resolution is agreed, with what downstream must carry out.
     * An agreed return or exchange asks the platform for the transaction extension; a resolution
     * with nothing left to carry out (a decline, or everything already reported) resolves at once.
     */
    @CommandHandler
    public void handle(AgreeResolution command, StorePolicies policies) {
        Pending offer = offered("agreed");
        if (command.source() == null) {
            throw new TicketRuleViolation("source", "must be one of " + EnumSet.allOf(AgreementSource.class));
        }
        int number = resolutions + 1;
        PolicyDecision decision = offer.decision();
        ResolutionKind kind = offer.proposal().kind();
        Set<DownstreamPart> awaiting = EnumSet.noneOf(DownstreamPart.class);
        awaiting.addAll(DownstreamPart.required(kind, decision.refundAmount().amount().signum() > 0,
                responsibility));
        awaiting.removeAll(doneParts(number));
        apply(new ResolutionAgreed(ticketId, storeId, platform, orderId, buyerId, sku, styleCode, batch, quantity,
                paidAmount, number, offer.number(), kind, offer.proposal().lines(), decision.refundAmount(),
                decision.chargedToBuyer(), responsibility, decision.shippingPaidBy(), !confirmedIncidents.isEmpty(),
                Set.copyOf(awaiting), command.source(), command.actor(), command.requestedAt()));
        if (kind.extendsTransaction()) {
            apply(new TransactionExtensionRequested(ticketId, storeId, platform, orderId, number,
                    policies.timings(storeId).transactionExtensionDays(), Actors.SYSTEM, command.requestedAt()));
        }
        if (awaiting.isEmpty()) {
            apply(new TicketResolved(ticketId, storeId, number, kind, command.requestedAt()));
        }
    }

    /** Back to the agent; a refused negotiated offer goes to a supervisor. */
    @CommandHandler
    public void handle(RecordOfferRefused command) {
        Pending offer = offered("refused by the buyer");
        apply(new OfferRefused(ticketId, offer.number(), command.reason(), command.actor(), command.requestedAt()));
        if (verification == VerificationStep.NEGOTIATING) {
            apply(new VerificationStepReached(ticketId, VerificationStep.ESCALATED,
                    "the buyer refused the negotiated offer", command.actor(), command.requestedAt()));
            apply(new TicketEscalated(ticketId, storeId, "the buyer refused the negotiated offer", command.actor(),
                    command.requestedAt()));
        }
    }

    /**
     * Idempotent on the part and the other side's id. A report without a resolution number counts
     * for the agreed resolution, or the next one when none is agreed yet (a claim opened before).
     */
    @CommandHandler
    public void handle(RecordDownstreamProgress command) {
        if (command.part() == null || isBlank(command.reference())) {
            throw new TicketRuleViolation("part", "a report needs its part and the reporting side's id");
        }
        if (recordedReports.contains(command.part() + "/" + command.reference())) {
            return;
        }
        int number = command.resolutionNumber() != null ? command.resolutionNumber()
                : status == TicketStatus.RESOLUTION_AGREED ? resolutions : resolutions + 1;
        apply(new DownstreamProgressRecorded(ticketId, number, command.part(), command.reference(),
                command.happenedAt()));
        if (status == TicketStatus.RESOLUTION_AGREED && number == resolutions && awaiting.isEmpty()) {
            apply(new TicketResolved(ticketId, storeId, number, agreedKind, command.happenedAt()));
        }
    }

    /**
     * Closes a resolved ticket, or an answered usage question; the survey goes out with it. The
     * automatic close of a resolved ticket is the same command with {@code automatic}.
     */
    @CommandHandler
    public void handle(CloseTicket command) {
        boolean answered = category == Category.USAGE_QUESTION && replied && status == TicketStatus.IN_PROGRESS;
        if (!answered) {
            require("closed", EnumSet.of(TicketStatus.RESOLVED), category == Category.USAGE_QUESTION
                    ? "a usage question closes once it has a reply" : "it closes once resolved");
        }
        apply(new TicketClosed(ticketId, storeId, answered ? TicketOutcome.ANSWERED : TicketOutcome.RESOLVED,
                answered ? null : agreedKind, command.automatic(), true, command.actor(), command.requestedAt()));
    }

    @CommandHandler
    public void handle(RecordSatisfaction command) {
        require("rated", EnumSet.of(TicketStatus.CLOSED), null);
        if (command.score() < 1 || command.score() > 5) {
            throw new TicketRuleViolation("score", "must be from 1 to 5");
        }
        if (satisfaction != null) {
            throw new TicketStateConflict("rated", status, "the buyer's score " + satisfaction + " is recorded already");
        }
        apply(new SatisfactionRecorded(ticketId, storeId, command.score(), command.comment(), command.actor(),
                command.requestedAt()));
    }

    /** Within the store's reopen window after it was resolved (or, answered, closed). */
    @CommandHandler
    public void handle(ReopenTicket command, StorePolicies policies) {
        require("reopened", EnumSet.of(TicketStatus.RESOLVED, TicketStatus.CLOSED), null);
        Duration window = policies.timings(storeId).reopenWindow();
        Instant since = resolvedAt != null ? resolvedAt : closedAt;
        if (command.requestedAt().isAfter(since.plus(window))) {
            throw new TicketStateConflict("reopened", status, "its reopen window of " + window.toDays()
                    + " days ended at " + since.plus(window));
        }
        apply(new TicketReopened(ticketId, storeId, command.reason(), command.actor(), command.requestedAt()));
    }

    /**
     * A deadline fired: records the warning or the breach when the ticket's own clock says it is due, and
     * nothing otherwise (already recorded, another cycle, replied or paused meanwhile), so the scheduler
     * may deliver it twice or late. A breach found late (the service was down at the due time) is still
     * recorded, with the time it was due. Answers whether it recorded anything.
     */
    @CommandHandler
    public boolean handle(RecordClockAlert command, StorePolicies policies) {
        Optional<ClockReading> found = clocks.read(command.clock(), policies.sla(storeId), command.requestedAt());
        if (found.isEmpty() || found.get().cycle() != command.cycle()) {
            return false;
        }
        ClockReading clock = found.get();
        if (command.alert() == ClockAlert.WARNING) {
            if (clock.warned() || clock.breached() || clock.state() == ClockState.STOPPED
                    || clock.elapsed().compareTo(clock.warnAfter()) < 0) {
                return false;
            }
            apply(new SlaWarned(ticketId, storeId, clock.clock(), clock.cycle(), clock.target(), clock.elapsed(),
                    clock.dueAt(), command.requestedAt()));
            return true;
        }
        if (clock.breached() || !clock.overdue()) {
            return false;
        }
        apply(new SlaBreached(ticketId, storeId, clock.clock(), clock.cycle(), clock.target(), clock.dueAt(),
                command.requestedAt()));
        return true;
    }

    /**
     * Escalates an open ticket to its store's supervisors because something was not done by
     * {@code dueAt}: once, since an escalation recorded at or after {@code dueAt} already covers it.
     */
    @CommandHandler
    public boolean handle(EscalateTicket command) {
        if (isBlank(command.reason()) || command.dueAt() == null) {
            throw new TicketRuleViolation("reason", "an escalation needs its reason and what was due when");
        }
        if (!status.isOpen() || (lastEscalatedAt != null && !lastEscalatedAt.isBefore(command.dueAt()))) {
            return false;
        }
        apply(new TicketEscalated(ticketId, storeId, command.reason(), command.actor(), command.requestedAt()));
        return true;
    }

    /**
     * The platform decided the buyer's request itself (auto-approved when the seller's window ran out):
     * recorded once, while the ticket is open; it stops the platform-response clock.
     */
    @CommandHandler
    public void handle(RecordPlatformDecision command) {
        require("given the platform's decision", TicketStatus.OPEN, null);
        if (command.decision() == null) {
            throw new TicketRuleViolation("decision", "must be one of " + EnumSet.allOf(PlatformDecision.class));
        }
        if (platformDecided) {
            return;
        }
        apply(new PlatformAutoApproved(ticketId, storeId, platform, command.actor(), command.requestedAt()));
    }

    /** Before a resolution is agreed only: an agreed one is being carried out by other services. */
    @CommandHandler
    public void handle(CancelTicket command) {
        require("cancelled", BEFORE_AGREEMENT, null);
        if (command.reason() == null) {
            throw new TicketRuleViolation("reason", "must be one of " + EnumSet.allOf(CancelReason.class));
        }
        if (command.reason() == CancelReason.DUPLICATE
                && (isBlank(command.duplicateOf()) || command.duplicateOf().equals(ticketId))) {
            throw new TicketRuleViolation("duplicateOf", "a duplicate names the other ticket it duplicates");
        }
        apply(new TicketCancelled(ticketId, storeId, command.reason(),
                command.reason() == CancelReason.DUPLICATE ? command.duplicateOf() : null, command.actor(),
                command.requestedAt()));
    }

    @EventSourcingHandler
    void on(TicketOpened event) {
        this.ticketId = event.ticketId();
        this.storeId = event.storeId();
        this.platform = event.platform();
        this.orderId = event.orderId();
        this.buyerId = event.buyerId();
        this.sku = event.sku();
        this.styleCode = event.styleCode();
        this.product = Product.of(event.styleCode(), event.sku());
        this.batch = event.batch();
        this.quantity = event.quantity();
        this.paidAmount = event.paidAmount();
        this.signedAt = event.signedAt();
        this.category = event.category();
        this.responsibility = event.responsibility();
        this.status = TicketStatus.NEW;
        this.verification = VerificationStep.appliesTo(event.category()) ? VerificationStep.PENDING : null;
        this.refunded = BigDecimal.ZERO;
        clocks.record(event, status);
    }

    @EventSourcingHandler
    void on(BatchDefectConfirmed event) {
        confirmedIncidents.add(event.incidentId());
        if (verification != null && verification != VerificationStep.VERIFIED) {
            verification = VerificationStep.WAIVED_BATCH_DEFECT;
        }
    }

    @EventSourcingHandler
    void on(TicketAssigned event) {
        assignee = event.assignee();
        if (status == TicketStatus.NEW) {
            status = TicketStatus.IN_PROGRESS;
        }
        clocks.record(event, status);
    }

    @EventSourcingHandler
    void on(ReplyRecorded event) {
        replied = true;
        clocks.record(event, status);
    }

    @EventSourcingHandler
    void on(EvidenceRequested event) {
        status = TicketStatus.WAITING_BUYER;
        clocks.record(event, status);
    }

    @EventSourcingHandler
    void on(EvidenceAttached event) {
        if (status == TicketStatus.WAITING_BUYER && pending == null) {
            status = TicketStatus.IN_PROGRESS;
        }
        clocks.record(event, status);
    }

    @EventSourcingHandler
    void on(ResponsibilityDecided event) {
        responsibility = event.responsibility();
    }

    @EventSourcingHandler
    void on(VerificationStepReached event) {
        verification = event.step();
        if (event.step() == VerificationStep.ITEM_REQUESTED_BACK) {
            status = TicketStatus.IN_PROGRESS;
        }
        clocks.record(event, status);
    }

    @EventSourcingHandler
    void on(TicketEscalated event) {
        escalated = true;
        lastEscalatedAt = event.escalatedAt();
    }

    @EventSourcingHandler
    void on(ResolutionProposed event) {
        proposals = event.proposalNumber();
        boolean needsSupervisor = event.decision().outcome() == PolicyOutcome.NEEDS_SUPERVISOR;
        pending = new Pending(event.proposalNumber(), event.proposal(), event.decision(), event.proposedBy(),
                !needsSupervisor);
        status = needsSupervisor ? TicketStatus.WAITING_APPROVAL : TicketStatus.WAITING_BUYER;
        clocks.record(event, status);
    }

    @EventSourcingHandler
    void on(ResolutionApproved event) {
        pending = pending.offeredToBuyer();
        status = TicketStatus.WAITING_BUYER;
        clocks.record(event, status);
    }

    @EventSourcingHandler
    void on(ResolutionRejected event) {
        pending = null;
        status = TicketStatus.IN_PROGRESS;
        clocks.record(event, status);
    }

    @EventSourcingHandler
    void on(OfferRefused event) {
        pending = null;
        status = TicketStatus.IN_PROGRESS;
        clocks.record(event, status);
    }

    @EventSourcingHandler
    void on(ResolutionAgreed event) {
        pending = null;
        resolutions = event.resolutionNumber();
        agreedKind = event.kind();
        awaiting.clear();
        awaiting.addAll(event.awaiting());
        // what goes back against the price: reimbursed return postage is not part of it (CaseFacts)
        BigDecimal postage = event.lines().stream().filter(line -> line.type() == CompensationLineType.RETURN_SHIPPING)
                .map(line -> line.amount().amount()).reduce(BigDecimal.ZERO, BigDecimal::add);
        refunded = refunded.add(event.refundAmount().amount().subtract(postage));
        status = TicketStatus.RESOLUTION_AGREED;
        clocks.record(event, status);
    }

    @EventSourcingHandler
    void on(DownstreamProgressRecorded event) {
        recordedReports.add(event.part() + "/" + event.reference());
        doneParts.computeIfAbsent(event.resolutionNumber(), n -> EnumSet.noneOf(DownstreamPart.class)).add(event.part());
        if (event.resolutionNumber() == resolutions) {
            awaiting.remove(event.part());
        }
    }

    @EventSourcingHandler
    void on(TicketResolved event) {
        status = TicketStatus.RESOLVED;
        resolvedAt = event.resolvedAt();
        clocks.record(event, status);
    }

    @EventSourcingHandler
    void on(TicketClosed event) {
        status = TicketStatus.CLOSED;
        closedAt = event.closedAt();
        clocks.record(event, status);
    }

    @EventSourcingHandler
    void on(SatisfactionRecorded event) {
        satisfaction = event.score();
    }

    @EventSourcingHandler
    void on(TicketReopened event) {
        status = TicketStatus.IN_PROGRESS;
        resolvedAt = null;
        closedAt = null;
        satisfaction = null;
        clocks.record(event, status);
    }

    @EventSourcingHandler
    void on(TicketCancelled event) {
        status = TicketStatus.CANCELLED;
        clocks.record(event, status);
    }

    @EventSourcingHandler
    void on(PlatformDeadlineSet event) {
        clocks.record(event, status);
    }

    @EventSourcingHandler
    void on(PlatformAutoApproved event) {
        platformDecided = true;
        clocks.record(event, status);
    }

    @EventSourcingHandler
    void on(SlaWarned event) {
        clocks.record(event, status);
    }

    @EventSourcingHandler
    void on(SlaBreached event) {
        clocks.record(event, status);
    }

    private void require(String action, Set<TicketStatus> allowed, String detail) {
        if (!allowed.contains(status)) {
            throw new TicketStateConflict(action, status, detail);
        }
    }

    private void requireVerification(String action, Set<VerificationStep> allowed) {
        if (verification == null) {
            throw new TicketStateConflict(action, status, "a " + category + " ticket has no quality verification");
        }
        if (!allowed.contains(verification)) {
            throw new TicketStateConflict(action, status, "its quality verification is at " + verification);
        }
    }

    private Pending pendingApproval(String action, int proposalNumber) {
        require(action, EnumSet.of(TicketStatus.WAITING_APPROVAL), null);
        if (pending.number() != proposalNumber) {
            throw new TicketStateConflict(action, status, "proposal " + pending.number() + " is the one pending, not "
                    + proposalNumber);
        }
        return pending;
    }

    private Pending offered(String action) {
        require(action, EnumSet.of(TicketStatus.WAITING_BUYER), pending == null ? "no resolution was offered" : null);
        if (pending == null || !pending.offered()) {
            throw new TicketStateConflict(action, status, "no resolution is offered to the buyer");
        }
        return pending;
    }

    private Money alreadyRefunded() {
        return new Money(refunded, paidAmount.currency());
    }

    private Set<DownstreamPart> doneParts(int resolutionNumber) {
        return doneParts.getOrDefault(resolutionNumber, EnumSet.noneOf(DownstreamPart.class));
    }

    private static String requireText(String field, String value, int maxLength) {
        if (isBlank(value)) {
            throw new TicketRuleViolation(field, "must not be blank");
        }
        if (value.length() > maxLength) {
            throw new TicketRuleViolation(field, "must be at most " + maxLength + " characters");
        }
        return value.strip();
    }

    /** The proposal on the table: waiting for a supervisor ({@code offered} false) or offered to the buyer. */
    record Pending(int number, Proposal proposal, PolicyDecision decision, String proposedBy, boolean offered) {

        Pending offeredToBuyer() {
            return new Pending(number, proposal, decision, proposedBy, true);
        }
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
