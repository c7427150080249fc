package io.aftersales.ticket.command;

import io.aftersales.ticket.api.ActionNotAllowed;
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
import io.aftersales.ticket.api.ClaimTicket;
import io.aftersales.ticket.api.CloseTicket;
import io.aftersales.ticket.api.CompensationLine;
import io.aftersales.ticket.api.CompensationLineType;
import io.aftersales.ticket.api.ConfirmBatchDefect;
import io.aftersales.ticket.api.DecideResponsibility;
import io.aftersales.ticket.api.DeclineReason;
import io.aftersales.ticket.api.DownstreamPart;
import io.aftersales.ticket.api.DownstreamProgressRecorded;
import io.aftersales.ticket.api.Evidence;
import io.aftersales.ticket.api.EvidenceAttached;
import io.aftersales.ticket.api.EvidenceRequested;
import io.aftersales.ticket.api.Money;
import io.aftersales.ticket.api.OfferRefused;
import io.aftersales.ticket.api.Platform;
import io.aftersales.ticket.api.PolicyDecision;
import io.aftersales.ticket.api.PolicyFinding;
import io.aftersales.ticket.api.PolicyOutcome;
import io.aftersales.ticket.api.Proposal;
import io.aftersales.ticket.api.ProposalRefused;
import io.aftersales.ticket.api.ProposeResolution;
import io.aftersales.ticket.api.RecordDownstreamProgress;
import io.aftersales.ticket.api.RecordOfferRefused;
import io.aftersales.ticket.api.RecordPhotosRefused;
import io.aftersales.ticket.api.RecordReply;
import io.aftersales.ticket.api.RecordSatisfaction;
import io.aftersales.ticket.api.RejectResolution;
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
import io.aftersales.ticket.api.VerifyQuality;
import org.axonframework.eventsourcing.NoSnapshotTriggerDefinition;
import org.axonframework.modelling.command.ConflictingAggregateVersionException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.matchers.Matchers;
import org.hamcrest.Matcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasProperty;
import static org.hamcrest.Matchers.instanceOf;

/** Every transition of lifecycle.md §1, allowed and refused, on the store defaults of domain.md. */
class TicketLifecycleTest {

    private static final String TICKET = "ticket-1";
    private static final String STORE = "tmall-flagship";
    private static final Instant SIGNED = Instant.parse("2026-11-21T09:00:00Z");
    private static final Instant NOW = Instant.parse("2026-11-23T02:00:00Z");
    private static final Money PAID = cny("259.00");
    private static final Money ZERO = cny("0.00");
    private static final List<Evidence> PHOTOS = List.of(new Evidence("PHOTO", "buyer-42/2026-11-23-1.jpg"));

    private AggregateTestFixture<Ticket> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Ticket.class);
        fixture.registerInjectableResource(NoSnapshotTriggerDefinition.INSTANCE);
        fixture.registerInjectableResource(StorePolicies.DEFAULTS);
    }

    // --- work on it

    @Test
    void an_agent_claims_a_new_ticket_from_the_pool_and_it_is_in_progress_with_them() {
        fixture.given(opened(Category.QUALITY))
                .when(new ClaimTicket(TICKET, "agent-7", NOW, null))
                .expectEvents(new TicketAssigned(TICKET, STORE, "agent-7", null, true, "agent-7", NOW))
                .expectState(ticket -> status(ticket, TicketStatus.IN_PROGRESS));
    }

    @Test
    void a_ticket_already_taken_cannot_be_claimed_and_the_answer_names_its_state() {
        fixture.given(opened(Category.QUALITY), claimed("agent-7"))
                .when(new ClaimTicket(TICKET, "agent-8", NOW, null))
                .expectException(conflictIn(TicketStatus.IN_PROGRESS))
                .expectNoEvents();
    }

    @Test
    void a_claim_against_an_outdated_version_is_refused() {
        fixture.given(opened(Category.QUALITY), claimed("agent-7"))
                .when(new AssignTicket(TICKET, "agent-9", "supervisor-1", NOW, 0L))
                .expectException(ConflictingAggregateVersionException.class)
                .expectNoEvents();
    }

    @Test
    void a_supervisor_reassigns_a_ticket_in_progress_and_the_event_names_the_previous_agent() {
        fixture.given(opened(Category.QUALITY), claimed("agent-7"))
                .when(new AssignTicket(TICKET, "agent-9", "supervisor-1", NOW, null))
                .expectEvents(new TicketAssigned(TICKET, STORE, "agent-9", "agent-7", false, "supervisor-1", NOW));
    }

    @Test
    void assigning_a_ticket_to_the_agent_who_has_it_records_nothing() {
        fixture.given(opened(Category.QUALITY), claimed("agent-7"))
                .when(new AssignTicket(TICKET, "agent-7", "supervisor-1", NOW, null))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void a_cancelled_ticket_cannot_be_assigned() {
        fixture.given(opened(Category.QUALITY), cancelled())
                .when(new AssignTicket(TICKET, "agent-9", "supervisor-1", NOW, null))
                .expectException(conflictIn(TicketStatus.CANCELLED))
                .expectNoEvents();
    }

    @Test
    void the_first_reply_is_marked_as_the_first_and_the_next_one_is_not() {
        fixture.given(opened(Category.QUALITY), claimed("agent-7"),
                        new ReplyRecorded(TICKET, STORE, ReplyChannel.PLATFORM_CHAT, "hello", true, "agent-7", NOW))
                .when(new RecordReply(TICKET, ReplyChannel.PHONE, "called back", "agent-7", NOW, null))
                .expectEvents(new ReplyRecorded(TICKET, STORE, ReplyChannel.PHONE, "called back", false, "agent-7", NOW));
    }

    @Test
    void a_reply_without_its_channel_is_refused() {
        fixture.given(opened(Category.QUALITY))
                .when(new RecordReply(TICKET, null, "hello", "agent-7", NOW, null))
                .expectException(field("channel"))
                .expectNoEvents();
    }

    @Test
    void a_closed_ticket_cannot_be_replied_to() {
        fixture.given(resolvedPartialRefund()).andGiven(closed())
                .when(new RecordReply(TICKET, ReplyChannel.SMS, "hello", "agent-7", NOW, null))
                .expectException(conflictIn(TicketStatus.CLOSED))
                .expectNoEvents();
    }

    @Test
    void asking_for_evidence_waits_on_the_buyer_and_the_evidence_brings_the_ticket_back_to_the_agent() {
        fixture.given(opened(Category.WRONG_ITEM), claimed("agent-7"))
                .when(new RequestEvidence(TICKET, "a photo of the label", "agent-7", NOW, null))
                .expectEvents(new EvidenceRequested(TICKET, "a photo of the label", "agent-7", NOW))
                .expectState(ticket -> status(ticket, TicketStatus.WAITING_BUYER));
        fixture.given(opened(Category.WRONG_ITEM), claimed("agent-7"),
                        new EvidenceRequested(TICKET, "a photo of the label", "agent-7", NOW))
                .when(new AttachEvidence(TICKET, PHOTOS, "agent-7", NOW, null))
                .expectEvents(new EvidenceAttached(TICKET, "buyer-42", PHOTOS, "agent-7", NOW))
                .expectState(ticket -> status(ticket, TicketStatus.IN_PROGRESS));
    }

    @Test
    void evidence_is_asked_for_only_while_the_agent_works_the_ticket() {
        fixture.given(opened(Category.WRONG_ITEM))
                .when(new RequestEvidence(TICKET, "a photo", "agent-7", NOW, null))
                .expectException(conflictIn(TicketStatus.NEW))
                .expectNoEvents();
    }

    @Test
    void evidence_without_a_reference_is_refused() {
        fixture.given(opened(Category.WRONG_ITEM), claimed("agent-7"))
                .when(new AttachEvidence(TICKET, List.of(new Evidence("PHOTO", " ")), "agent-7", NOW, null))
                .expectException(field("evidence"))
                .expectNoEvents();
    }

    @Test
    void the_agent_decides_the_courier_is_responsible_and_the_event_keeps_the_presumption() {
        fixture.given(opened(Category.QUALITY), claimed("agent-7"))
                .when(new DecideResponsibility(TICKET, Responsibility.COURIER, "crushed box", "agent-7", NOW, null))
                .expectEvents(new ResponsibilityDecided(TICKET, Responsibility.COURIER, Responsibility.SELLER,
                        "crushed box", "agent-7", NOW));
    }

    @Test
    void responsibility_cannot_change_under_a_proposal_waiting_for_a_supervisor() {
        fixture.given(opened(Category.QUALITY), claimed("agent-7"), verified(), proposed(1, PolicyOutcome.NEEDS_SUPERVISOR))
                .when(new DecideResponsibility(TICKET, Responsibility.BUYER, "misuse", "agent-7", NOW, null))
                .expectException(conflictIn(TicketStatus.WAITING_APPROVAL))
                .expectNoEvents();
    }

    // --- quality verification

    @Test
    void a_quality_ticket_signed_for_within_three_days_and_not_worn_asks_the_buyer_for_photos() {
        fixture.given(opened(Category.QUALITY), claimed("agent-7"))
                .when(new AssessQuality(TICKET, false, "agent-7", SIGNED.plus(Duration.ofDays(3)), null))
                .expectEventsMatching(payloads(
                        step(VerificationStep.PHOTOS_REQUESTED), instanceOf(EvidenceRequested.class)))
                .expectState(ticket -> status(ticket, TicketStatus.WAITING_BUYER));
    }

    @Test
    void a_quality_ticket_signed_for_more_than_three_days_ago_goes_to_negotiation() {
        fixture.given(opened(Category.QUALITY), claimed("agent-7"))
                .when(new AssessQuality(TICKET, false, "agent-7", SIGNED.plus(Duration.ofDays(3)).plusSeconds(1), null))
                .expectEventsMatching(payloads(step(VerificationStep.NEGOTIATING)));
    }

    @Test
    void a_worn_item_goes_to_negotiation_even_within_the_window() {
        fixture.given(opened(Category.QUALITY), claimed("agent-7"))
                .when(new AssessQuality(TICKET, true, "agent-7", NOW, null))
                .expectEventsMatching(payloads(step(VerificationStep.NEGOTIATING)));
    }

    @Test
    void a_ticket_that_is_not_about_quality_has_no_verification() {
        fixture.given(opened(Category.CHANGED_MIND), claimed("agent-7"))
                .when(new AssessQuality(TICKET, false, "agent-7", NOW, null))
                .expectException(conflictIn(TicketStatus.IN_PROGRESS))
                .expectNoEvents();
    }

    @Test
    void photos_received_and_looked_at_verify_the_defect() {
        fixture.given(opened(Category.QUALITY), claimed("agent-7"), stepReached(VerificationStep.PHOTOS_REQUESTED),
                        new EvidenceRequested(TICKET, "photos of the defect", "agent-7", NOW))
                .when(new AttachEvidence(TICKET, PHOTOS, "agent-7", NOW, null))
                .expectEventsMatching(payloads(instanceOf(EvidenceAttached.class), step(VerificationStep.PHOTOS_RECEIVED)))
                .expectState(ticket -> status(ticket, TicketStatus.IN_PROGRESS));
        fixture.given(opened(Category.QUALITY), claimed("agent-7"), stepReached(VerificationStep.PHOTOS_REQUESTED),
                        new EvidenceRequested(TICKET, "photos of the defect", "agent-7", NOW),
                        new EvidenceAttached(TICKET, "buyer-42", PHOTOS, "agent-7", NOW),
                        stepReached(VerificationStep.PHOTOS_RECEIVED))
                .when(new VerifyQuality(TICKET, "stain visible on both photos", "agent-7", NOW, null))
                .expectEventsMatching(payloads(step(VerificationStep.VERIFIED)));
    }

    @Test
    void nothing_is_verified_before_the_photos_arrive() {
        fixture.given(opened(Category.QUALITY), claimed("agent-7"))
                .when(new VerifyQuality(TICKET, "looks fine", "agent-7", NOW, null))
                .expectException(conflictIn(TicketStatus.IN_PROGRESS))
                .expectNoEvents();
    }

    @Test
    void a_buyer_who_will_not_send_photos_is_asked_for_the_item_back() {
        fixture.given(opened(Category.QUALITY), claimed("agent-7"), stepReached(VerificationStep.PHOTOS_REQUESTED),
                        new EvidenceRequested(TICKET, "photos of the defect", "agent-7", NOW))
                .when(new RecordPhotosRefused(TICKET, "no camera", "agent-7", NOW, null))
                .expectEventsMatching(payloads(step(VerificationStep.ITEM_REQUESTED_BACK)))
                .expectState(ticket -> status(ticket, TicketStatus.IN_PROGRESS));
    }

    @Test
    void a_confirmed_batch_defect_waives_the_proof_of_a_ticket_not_yet_verified() {
        fixture.given(opened(Category.QUALITY), claimed("agent-7"))
                .when(new ConfirmBatchDefect(TICKET, "incident-1", "JK2611", "B2026-11-A", "system", NOW))
                .expectEventsMatching(payloads(instanceOf(BatchDefectConfirmed.class)))
                .expectState(ticket -> org.assertj.core.api.Assertions.assertThat(ticket).extracting("verification")
                        .isEqualTo(VerificationStep.WAIVED_BATCH_DEFECT));
    }

    @Test
    void an_unproven_quality_claim_is_not_offered_money() {
        fixture.given(opened(Category.QUALITY), claimed("agent-7"))
                .when(propose(partialRefund("20.00")))
                .expectException(allOf(instanceOf(TicketStateConflict.class),
                        hasProperty("message", containsString("PENDING"))))
                .expectNoEvents();
    }

    @Test
    void without_photos_only_a_return_is_offered_so_that_the_warehouse_verifies() {
        fixture.given(opened(Category.QUALITY), claimed("agent-7"), stepReached(VerificationStep.ITEM_REQUESTED_BACK))
                .when(propose(partialRefund("20.00")))
                .expectException(TicketStateConflict.class)
                .expectNoEvents();
        fixture.given(opened(Category.QUALITY), claimed("agent-7"), stepReached(VerificationStep.ITEM_REQUESTED_BACK))
                .when(propose(new Proposal(ResolutionKind.RETURN_AND_REFUND,
                        List.of(line(CompensationLineType.GOODS, "259.00")), null, null, null)))
                .expectEventsMatching(payloads(instanceOf(ResolutionProposed.class)));
    }

    // --- proposals and approval

    @Test
    void a_proposal_within_the_agents_limits_is_offered_to_the_buyer() {
        fixture.given(opened(Category.QUALITY), claimed("agent-7"), verified())
                .when(propose(partialRefund("20.00")))
                .expectEventsMatching(payloads(proposal(PolicyOutcome.WITHIN_LIMITS)))
                .expectState(ticket -> status(ticket, TicketStatus.WAITING_BUYER));
    }

    @Test
    void goodwill_above_the_agents_limit_waits_for_a_supervisor() {
        fixture.given(opened(Category.QUALITY), claimed("agent-7"), verified())
                .when(propose(partialRefund("60.00")))
                .expectEventsMatching(payloads(proposal(PolicyOutcome.NEEDS_SUPERVISOR)))
                .expectState(ticket -> status(ticket, TicketStatus.WAITING_APPROVAL));
    }

    @Test
    void a_proposal_the_policy_refuses_records_nothing_and_explains_the_rule() {
        fixture.given(opened(Category.QUALITY), claimed("agent-7"), verified())
                .when(new ProposeResolution(TICKET, partialRefund("200.00"), true, "supervisor-1", NOW, null))
                .expectException(allOf(instanceOf(ProposalRefused.class),
                        hasProperty("message", containsString("103.60"))))
                .expectNoEvents();
    }

    @Test
    void a_supervisor_approves_a_pending_proposal_and_it_is_offered_to_the_buyer() {
        fixture.given(opened(Category.QUALITY), claimed("agent-7"), verified(), proposed(1, PolicyOutcome.NEEDS_SUPERVISOR))
                .when(new ApproveResolution(TICKET, 1, "loyal buyer", "supervisor-1", NOW, null))
                .expectEvents(new ResolutionApproved(TICKET, STORE, 1, "loyal buyer", "supervisor-1", NOW))
                .expectState(ticket -> status(ticket, TicketStatus.WAITING_BUYER));
    }

    @Test
    void nobody_approves_their_own_proposal() {
        fixture.given(opened(Category.QUALITY), claimed("agent-7"), verified(), proposed(1, PolicyOutcome.NEEDS_SUPERVISOR))
                .when(new ApproveResolution(TICKET, 1, "fine", "agent-7", NOW, null))
                .expectException(ActionNotAllowed.class)
                .expectNoEvents();
    }

    @Test
    void approving_a_proposal_that_is_not_the_pending_one_is_refused() {
        fixture.given(opened(Category.QUALITY), claimed("agent-7"), verified(), proposed(1, PolicyOutcome.NEEDS_SUPERVISOR))
                .when(new ApproveResolution(TICKET, 2, "fine", "supervisor-1", NOW, null))
                .expectException(conflictIn(TicketStatus.WAITING_APPROVAL))
                .expectNoEvents();
    }

    @Test
    void nothing_is_approved_when_no_proposal_waits_for_approval() {
        fixture.given(opened(Category.QUALITY), claimed("agent-7"), verified(), proposed(1, PolicyOutcome.WITHIN_LIMITS))
                .when(new ApproveResolution(TICKET, 1, "fine", "supervisor-1", NOW, null))
                .expectException(conflictIn(TicketStatus.WAITING_BUYER))
                .expectNoEvents();
    }

    @Test
    void a_rejected_proposal_goes_back_to_the_agent() {
        fixture.given(opened(Category.QUALITY), claimed("agent-7"), verified(), proposed(1, PolicyOutcome.NEEDS_SUPERVISOR))
                .when(new RejectResolution(TICKET, 1, "too generous", "supervisor-1", NOW, null))
                .expectEvents(new ResolutionRejected(TICKET, STORE, 1, "too generous", "supervisor-1", NOW))
                .expectState(ticket -> status(ticket, TicketStatus.IN_PROGRESS));
    }

    // --- agreement, downstream, resolution

    @Test
    void an_agreed_partial_refund_awaits_the_refund_and_asks_for_no_extension() {
        fixture.given(opened(Category.QUALITY), claimed("agent-7"), verified(), proposed(1, PolicyOutcome.WITHIN_LIMITS))
                .when(new AgreeResolution(TICKET, AgreementSource.AGENT, "agent-7", NOW, null))
                .expectEvents(agreed(1, ResolutionKind.PARTIAL_REFUND, partialRefund("20.00").lines(), cny("20.00"),
                        Set.of(DownstreamPart.REFUND_PAID), AgreementSource.AGENT, "agent-7"))
                .expectState(ticket -> status(ticket, TicketStatus.RESOLUTION_AGREED));
    }

    @Test
    void an_agreed_return_asks_the_platform_to_extend_the_transaction_by_ten_days() {
        Proposal returnAndRefund = new Proposal(ResolutionKind.RETURN_AND_REFUND,
                List.of(line(CompensationLineType.GOODS, "259.00")), null, null, null);
        fixture.given(opened(Category.QUALITY), claimed("agent-7"), verified(),
                        proposedEvent(1, returnAndRefund, decision(PolicyOutcome.WITHIN_LIMITS, "259.00")))
                .when(new AgreeResolution(TICKET, AgreementSource.PLATFORM, "system", NOW, null))
                .expectEventsMatching(payloads(instanceOf(ResolutionAgreed.class),
                        org.hamcrest.Matchers.equalTo(new TransactionExtensionRequested(TICKET, STORE, Platform.TMALL,
                                "order-1001", 1, 10, "system", NOW))));
    }

    @Test
    void an_agreed_decline_resolves_the_ticket_at_once() {
        Proposal decline = new Proposal(ResolutionKind.DECLINE, List.of(), DeclineReason.USED, null, null);
        fixture.given(opened(Category.QUALITY), claimed("agent-7"), verified(),
                        proposedEvent(1, decline, decision(PolicyOutcome.WITHIN_LIMITS, "0.00")))
                .when(new AgreeResolution(TICKET, AgreementSource.AGENT, "agent-7", NOW, null))
                .expectEventsMatching(payloads(instanceOf(ResolutionAgreed.class),
                        org.hamcrest.Matchers.equalTo(new TicketResolved(TICKET, STORE, 1, ResolutionKind.DECLINE, NOW))));
    }

    @Test
    void nothing_can_be_agreed_while_a_supervisor_has_not_approved() {
        fixture.given(opened(Category.QUALITY), claimed("agent-7"), verified(), proposed(1, PolicyOutcome.NEEDS_SUPERVISOR))
                .when(new AgreeResolution(TICKET, AgreementSource.AGENT, "agent-7", NOW, null))
                .expectException(conflictIn(TicketStatus.WAITING_APPROVAL))
                .expectNoEvents();
    }

    @Test
    void a_refused_offer_goes_back_to_the_agent() {
        fixture.given(opened(Category.QUALITY), claimed("agent-7"), verified(), proposed(1, PolicyOutcome.WITHIN_LIMITS))
                .when(new RecordOfferRefused(TICKET, "wants more", "agent-7", NOW, null))
                .expectEvents(new OfferRefused(TICKET, 1, "wants more", "agent-7", NOW))
                .expectState(ticket -> status(ticket, TicketStatus.IN_PROGRESS));
    }

    @Test
    void a_refused_negotiated_offer_escalates_to_a_supervisor_who_alone_proposes_next() {
        fixture.given(opened(Category.QUALITY), claimed("agent-7"), stepReached(VerificationStep.NEGOTIATING),
                        proposed(1, PolicyOutcome.WITHIN_LIMITS))
                .when(new RecordOfferRefused(TICKET, "wants a full refund", "agent-7", NOW, null))
                .expectEventsMatching(payloads(instanceOf(OfferRefused.class), step(VerificationStep.ESCALATED),
                        instanceOf(TicketEscalated.class)));
        fixture.given(opened(Category.QUALITY), claimed("agent-7"), stepReached(VerificationStep.NEGOTIATING),
                        proposed(1, PolicyOutcome.WITHIN_LIMITS), new OfferRefused(TICKET, 1, "no", "agent-7", NOW),
                        stepReached(VerificationStep.ESCALATED),
                        new TicketEscalated(TICKET, STORE, "the buyer refused", "agent-7", NOW))
                .when(propose(partialRefund("20.00")))
                .expectException(ActionNotAllowed.class)
                .expectNoEvents();
    }

    @Test
    void the_refund_paid_resolves_a_ticket_agreed_as_a_partial_refund() {
        fixture.given(agreedPartialRefund())
                .when(new RecordDownstreamProgress(TICKET, 1, DownstreamPart.REFUND_PAID, "refund-1", NOW))
                .expectEvents(new DownstreamProgressRecorded(TICKET, 1, DownstreamPart.REFUND_PAID, "refund-1", NOW),
                        new TicketResolved(TICKET, STORE, 1, ResolutionKind.PARTIAL_REFUND, NOW));
    }

    @Test
    void the_same_report_delivered_twice_is_recorded_once() {
        fixture.given(agreedPartialRefund())
                .andGiven(new DownstreamProgressRecorded(TICKET, 1, DownstreamPart.REFUND_PAID, "refund-1", NOW),
                        new TicketResolved(TICKET, STORE, 1, ResolutionKind.PARTIAL_REFUND, NOW))
                .when(new RecordDownstreamProgress(TICKET, 1, DownstreamPart.REFUND_PAID, "refund-1", NOW))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void a_part_the_resolution_does_not_need_does_not_resolve_it() {
        fixture.given(agreedPartialRefund())
                .when(new RecordDownstreamProgress(TICKET, 1, DownstreamPart.RETURN_RECEIVED, "refund-1", NOW))
                .expectEvents(new DownstreamProgressRecorded(TICKET, 1, DownstreamPart.RETURN_RECEIVED, "refund-1", NOW))
                .expectState(ticket -> status(ticket, TicketStatus.RESOLUTION_AGREED));
    }

    @Test
    void a_claim_opened_before_the_agreement_counts_for_the_reshipment_agreed_later() {
        Proposal reship = new Proposal(ResolutionKind.RESHIP, List.of(), null, null, null);
        fixture.given(opened(Category.LOGISTICS), claimed("agent-7"),
                        new DownstreamProgressRecorded(TICKET, 1, DownstreamPart.CLAIM_OPENED, "claim-1", NOW),
                        proposedEvent(1, reship, new PolicyDecision(PolicyOutcome.WITHIN_LIMITS, List.of(),
                                Responsibility.SELLER, ZERO, ZERO)))
                .when(new AgreeResolution(TICKET, AgreementSource.AGENT, "agent-7", NOW, null))
                .expectEventsMatching(payloads(component("awaiting",
                        org.hamcrest.Matchers.equalTo(Set.of(DownstreamPart.REPLACEMENT_SHIPPED)))));
    }

    // --- close, satisfaction, reopen, cancel

    @Test
    void a_resolved_ticket_closes_and_the_survey_is_sent() {
        fixture.given(resolvedPartialRefund())
                .when(new CloseTicket(TICKET, true, "system", NOW, null))
                .expectEvents(new TicketClosed(TICKET, STORE, TicketOutcome.RESOLVED, ResolutionKind.PARTIAL_REFUND,
                        true, true, "system", NOW));
    }

    @Test
    void a_ticket_still_being_carried_out_cannot_be_closed() {
        fixture.given(agreedPartialRefund())
                .when(new CloseTicket(TICKET, false, "agent-7", NOW, null))
                .expectException(conflictIn(TicketStatus.RESOLUTION_AGREED))
                .expectNoEvents();
    }

    @Test
    void an_answered_usage_question_closes_without_a_resolution() {
        fixture.given(opened(Category.USAGE_QUESTION), claimed("agent-7"),
                        new ReplyRecorded(TICKET, STORE, ReplyChannel.WECHAT, "wash at 30", true, "agent-7", NOW))
                .when(new CloseTicket(TICKET, false, "agent-7", NOW, null))
                .expectEvents(new TicketClosed(TICKET, STORE, TicketOutcome.ANSWERED, null, false, true, "agent-7", NOW));
    }

    @Test
    void the_buyers_score_is_recorded_once_and_only_from_one_to_five() {
        fixture.given(resolvedPartialRefund()).andGiven(closed())
                .when(new RecordSatisfaction(TICKET, 5, "quick", "agent-7", NOW, null))
                .expectEvents(new SatisfactionRecorded(TICKET, STORE, 5, "quick", "agent-7", NOW));
        fixture.given(resolvedPartialRefund()).andGiven(closed())
                .when(new RecordSatisfaction(TICKET, 6, null, "agent-7", NOW, null))
                .expectException(field("score"))
                .expectNoEvents();
        fixture.given(resolvedPartialRefund()).andGiven(closed(),
                        new SatisfactionRecorded(TICKET, STORE, 4, null, "agent-7", NOW))
                .when(new RecordSatisfaction(TICKET, 5, null, "agent-7", NOW, null))
                .expectException(conflictIn(TicketStatus.CLOSED))
                .expectNoEvents();
    }

    @Test
    void an_open_ticket_has_no_score_yet() {
        fixture.given(agreedPartialRefund())
                .when(new RecordSatisfaction(TICKET, 5, null, "agent-7", NOW, null))
                .expectException(conflictIn(TicketStatus.RESOLUTION_AGREED))
                .expectNoEvents();
    }

    @Test
    void a_closed_ticket_reopens_within_fifteen_days_of_being_resolved() {
        Instant fourteenDaysLater = NOW.plus(Duration.ofDays(14));
        fixture.given(resolvedPartialRefund()).andGiven(closed())
                .when(new ReopenTicket(TICKET, "stain came back", "agent-7", fourteenDaysLater, null))
                .expectEvents(new TicketReopened(TICKET, STORE, "stain came back", "agent-7", fourteenDaysLater))
                .expectState(ticket -> status(ticket, TicketStatus.IN_PROGRESS));
    }

    @Test
    void a_ticket_resolved_longer_ago_than_the_window_does_not_reopen() {
        fixture.given(resolvedPartialRefund()).andGiven(closed())
                .when(new ReopenTicket(TICKET, "late", "agent-7", NOW.plus(Duration.ofDays(16)), null))
                .expectException(allOf(instanceOf(TicketStateConflict.class),
                        hasProperty("message", containsString("15 days"))))
                .expectNoEvents();
    }

    @Test
    void a_reopened_ticket_starts_a_second_resolution_with_what_was_refunded_counted() {
        fixture.given(resolvedPartialRefund()).andGiven(new TicketReopened(TICKET, STORE, "again", "agent-7", NOW))
                .when(propose(partialRefund("90.00")))
                .expectException(allOf(instanceOf(ProposalRefused.class),
                        hasProperty("message", containsString("83.60"))))
                .expectNoEvents();
    }

    @Test
    void a_buyer_who_withdrew_cancels_the_ticket() {
        fixture.given(opened(Category.QUALITY), claimed("agent-7"))
                .when(new CancelTicket(TICKET, CancelReason.BUYER_WITHDREW, "ignored", "agent-7", NOW, null))
                .expectEvents(new TicketCancelled(TICKET, STORE, CancelReason.BUYER_WITHDREW, null, "agent-7", NOW));
    }

    @Test
    void a_duplicate_names_the_ticket_it_duplicates() {
        fixture.given(opened(Category.QUALITY))
                .when(new CancelTicket(TICKET, CancelReason.DUPLICATE, " ", "agent-7", NOW, null))
                .expectException(field("duplicateOf"))
                .expectNoEvents();
        fixture.given(opened(Category.QUALITY))
                .when(new CancelTicket(TICKET, CancelReason.DUPLICATE, "ticket-0", "agent-7", NOW, null))
                .expectEvents(new TicketCancelled(TICKET, STORE, CancelReason.DUPLICATE, "ticket-0", "agent-7", NOW));
    }

    @Test
    void an_agreed_resolution_is_not_cancelled_under_the_other_services() {
        fixture.given(agreedPartialRefund())
                .when(new CancelTicket(TICKET, CancelReason.BUYER_WITHDREW, null, "agent-7", NOW, null))
                .expectException(conflictIn(TicketStatus.RESOLUTION_AGREED))
                .expectNoEvents();
    }

    // --- givens

    private static List<Object> agreedPartialRefund() {
        return List.of(opened(Category.QUALITY), claimed("agent-7"), verified(), proposed(1, PolicyOutcome.WITHIN_LIMITS),
                agreed(1, ResolutionKind.PARTIAL_REFUND, partialRefund("20.00").lines(), cny("20.00"),
                        Set.of(DownstreamPart.REFUND_PAID), AgreementSource.AGENT, "agent-7"));
    }

    private static List<Object> resolvedPartialRefund() {
        List<Object> events = new java.util.ArrayList<>(agreedPartialRefund());
        events.add(new DownstreamProgressRecorded(TICKET, 1, DownstreamPart.REFUND_PAID, "refund-1", NOW));
        events.add(new TicketResolved(TICKET, STORE, 1, ResolutionKind.PARTIAL_REFUND, NOW));
        return events;
    }

    private static TicketClosed closed() {
        return new TicketClosed(TICKET, STORE, TicketOutcome.RESOLVED, ResolutionKind.PARTIAL_REFUND, false, true,
                "agent-7", NOW);
    }

    private static TicketCancelled cancelled() {
        return new TicketCancelled(TICKET, STORE, CancelReason.BUYER_WITHDREW, null, "agent-7", NOW);
    }

    private static TicketOpened opened(Category category) {
        return new TicketOpened(TICKET, STORE, Platform.TMALL, "order-1001", "RF-889", "buyer-42", true, "JK2611-RED-M",
                "JK2611", "B2026-11-A", 1, PAID, SIGNED, category, category == Category.QUALITY ? "STAIN" : null,
                category.presumedResponsibility().orElse(null), "a stain on the sleeve", PHOTOS, "chat", "agent-1", NOW);
    }

    private static TicketAssigned claimed(String agent) {
        return new TicketAssigned(TICKET, STORE, agent, null, true, agent, NOW);
    }

    private static io.aftersales.ticket.api.VerificationStepReached stepReached(VerificationStep step) {
        return new io.aftersales.ticket.api.VerificationStepReached(TICKET, step, "because", "agent-7", NOW);
    }

    private static io.aftersales.ticket.api.VerificationStepReached verified() {
        return stepReached(VerificationStep.VERIFIED);
    }

    private static ResolutionProposed proposed(int number, PolicyOutcome outcome) {
        return proposedEvent(number, partialRefund("20.00"), decision(outcome, "20.00"));
    }

    private static ResolutionProposed proposedEvent(int number, Proposal proposal, PolicyDecision decision) {
        return new ResolutionProposed(TICKET, STORE, number, proposal, decision, "agent-7", NOW);
    }

    private static PolicyDecision decision(PolicyOutcome outcome, String refund) {
        return new PolicyDecision(outcome, List.of(new PolicyFinding("goodwill-cap", outcome, cny("29.00"), "cap 29.00")),
                Responsibility.SELLER, cny(refund), ZERO);
    }

    private static ResolutionAgreed agreed(int number, ResolutionKind kind, List<CompensationLine> lines, Money refund,
                                           Set<DownstreamPart> awaiting, AgreementSource via, String by) {
        return new ResolutionAgreed(TICKET, STORE, Platform.TMALL, "order-1001", "buyer-42", "JK2611-RED-M", "JK2611",
                "B2026-11-A", 1, PAID, number, 1, kind, lines, refund, ZERO, Responsibility.SELLER, Responsibility.SELLER,
                false, awaiting, via, by, NOW);
    }

    private static Proposal partialRefund(String goodwill) {
        return new Proposal(ResolutionKind.PARTIAL_REFUND, List.of(line(CompensationLineType.GOODWILL, goodwill)), null,
                null, "small stain");
    }

    private static CompensationLine line(CompensationLineType type, String amount) {
        return new CompensationLine(type, cny(amount), null);
    }

    private static ProposeResolution propose(Proposal proposal) {
        return new ProposeResolution(TICKET, proposal, false, "agent-7", NOW, null);
    }

    private static Money cny(String amount) {
        return new Money(new BigDecimal(amount), "CNY");
    }

    // --- matchers

    private static void status(Ticket ticket, TicketStatus expected) {
        org.assertj.core.api.Assertions.assertThat(ticket).extracting("status").isEqualTo(expected);
    }

    private static Matcher<Object> conflictIn(TicketStatus status) {
        return allOf(instanceOf(TicketStateConflict.class), hasProperty("message", containsString(status.name())));
    }

    private static Matcher<Object> field(String name) {
        return allOf(instanceOf(TicketRuleViolation.class), new org.hamcrest.CustomTypeSafeMatcher<Object>("violation of " + name) {
                    @Override
                    protected boolean matchesSafely(Object item) {
                        return name.equals(((TicketRuleViolation) item).field());
                    }
                });
    }

    private static Matcher<Object> step(VerificationStep step) {
        return component("step", org.hamcrest.Matchers.equalTo(step));
    }

    private static Matcher<Object> proposal(PolicyOutcome outcome) {
        return allOf(instanceOf(ResolutionProposed.class),
                component("decision", component("outcome", org.hamcrest.Matchers.equalTo(outcome))));
    }

    /** hasProperty for records: the value of the accessor {@code name}. */
    private static Matcher<Object> component(String name, Matcher<?> value) {
        return new org.hamcrest.TypeSafeDiagnosingMatcher<Object>() {
            @Override
            protected boolean matchesSafely(Object item, org.hamcrest.Description mismatch) {
                try {
                    Object actual = item.getClass().getMethod(name).invoke(item);
                    mismatch.appendText(name + " was ").appendValue(actual);
                    return value.matches(actual);
                } catch (ReflectiveOperationException e) {
                    mismatch.appendText("no " + name + " in ").appendValue(item);
                    return false;
                }
            }

            @Override
            public void describeTo(org.hamcrest.Description description) {
                description.appendText(name + " ").appendDescriptionOf(value);
            }
        };
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Matcher<List<org.axonframework.eventhandling.EventMessage<?>>> payloads(Matcher<?>... payloads) {
        Matcher[] messages = java.util.Arrays.stream(payloads).map(p -> Matchers.messageWithPayload((Matcher) p))
                .toArray(Matcher[]::new);
        return (Matcher) Matchers.exactSequenceOf(messages);
    }
}
