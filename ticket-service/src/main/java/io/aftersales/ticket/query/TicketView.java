package io.aftersales.ticket.query;

import io.aftersales.ticket.api.AgreementSource;
import io.aftersales.ticket.api.CancelReason;
import io.aftersales.ticket.api.Category;
import io.aftersales.ticket.api.CompensationLine;
import io.aftersales.ticket.api.DownstreamPart;
import io.aftersales.ticket.api.Evidence;
import io.aftersales.ticket.api.Money;
import io.aftersales.ticket.api.OpenTicket;
import io.aftersales.ticket.api.Platform;
import io.aftersales.ticket.api.PolicyDecision;
import io.aftersales.ticket.api.Proposal;
import io.aftersales.ticket.api.ReplyChannel;
import io.aftersales.ticket.api.ResolutionKind;
import io.aftersales.ticket.api.Responsibility;
import io.aftersales.ticket.api.TicketStatus;
import io.aftersales.ticket.api.VerificationStep;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A ticket as agents see it. {@code version} is the sequence number of its latest event (the ETag).
 * {@code verification} is null for a category that needs no proof; {@code pendingProposal} is the
 * proposal the buyer (or a supervisor) has still to answer; {@code resolution} the latest agreed one.
 */
public record TicketView(
        String id,
        String storeId,
        Platform platform,
        String orderId,
        String externalId,
        String buyerId,
        boolean vip,
        String sku,
        String styleCode,
        String batch,
        int quantity,
        Money paidAmount,
        Instant signedAt,
        Category category,
        String defectType,
        Responsibility responsibility,
        String description,
        List<Evidence> evidence,
        String channel,
        TicketStatus status,
        boolean defectReported,
        BatchDefect batchDefect,
        List<Remark> remarks,
        String assignee,
        VerificationStep verification,
        EvidenceRequest evidenceRequested,
        List<Reply> replies,
        Instant firstReplyAt,
        boolean escalated,
        PendingProposal pendingProposal,
        AgreedResolution resolution,
        Instant resolvedAt,
        Instant closedAt,
        Satisfaction satisfaction,
        Cancellation cancellation,
        String openedBy,
        Instant openedAt,
        Instant updatedAt,
        long version) {

    /** A reply to the buyer; {@code firstReply} is the one that stopped the first-reply clock. */
    public record Reply(ReplyChannel channel, String text, boolean firstReply, String repliedBy, Instant repliedAt) {
    }

    /** What the buyer was asked for and has not sent yet. */
    public record EvidenceRequest(String what, String requestedBy, Instant requestedAt) {
    }

    /**
     * A proposal waiting for an answer, with the policy's decision. {@code approvedBy} is set once a
     * supervisor approved one that needed it; the buyer's answer is then awaited.
     */
    public record PendingProposal(int number, Proposal proposal, PolicyDecision decision, String proposedBy,
                                  Instant proposedAt, String approvedBy, Instant approvedAt) {
    }

    /**
     * What the buyer accepted and what downstream still has to report: {@code open} is
     * {@code awaiting} minus {@code done}.
     */
    public record AgreedResolution(int number, int proposalNumber, ResolutionKind kind, List<CompensationLine> lines,
                                   Money refundAmount, Money chargedToBuyer, Responsibility shippingPaidBy,
                                   boolean batchDefectFastTrack, Set<DownstreamPart> awaiting,
                                   Set<DownstreamPart> done, Set<DownstreamPart> open, AgreementSource agreedVia,
                                   String agreedBy, Instant agreedAt) {
    }

    public record Satisfaction(int score, String comment, String recordedBy, Instant recordedAt) {
    }

    public record Cancellation(CancelReason reason, String duplicateOf, String cancelledBy, Instant cancelledAt) {
    }

    public record Remark(String text, boolean flagged, String addedBy, Instant addedAt) {
    }

    /** QA confirmed a defect of this ticket's whole batch: no further proof is needed from the buyer. */
    public record BatchDefect(String incidentId, Instant confirmedAt) {
    }

    /** Whether this ticket is what {@code command} opens: a retry with the same idempotency key asks for it. */
    public boolean isOpeningOf(OpenTicket command) {
        return Objects.equals(storeId, command.storeId()) && platform == command.platform()
                && Objects.equals(orderId, command.orderId())
                && Objects.equals(buyerId, command.buyerId()) && vip == command.vip()
                && Objects.equals(sku, command.sku()) && Objects.equals(styleCode, command.styleCode())
                && Objects.equals(batch, command.batch()) && quantity == command.quantity()
                && paidAmount.amount().compareTo(command.paidAmount().amount()) == 0
                && Objects.equals(paidAmount.currency(), command.paidAmount().currency())
                && Objects.equals(signedAt, command.signedAt()) && category == command.category()
                && Objects.equals(defectType, command.defectType())
                && Objects.equals(description, command.description())
                && Objects.equals(evidence, command.evidence())
                && Objects.equals(channel, command.channel());
    }
}
