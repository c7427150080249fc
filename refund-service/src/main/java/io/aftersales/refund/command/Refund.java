package io.aftersales.refund.command;

import io.aftersales.refund.api.ActorRole;
import io.aftersales.refund.api.Actors;
import io.aftersales.refund.api.AgreeRefund;
import io.aftersales.refund.api.ApproveRefund;
import io.aftersales.refund.api.CancelRefund;
import io.aftersales.refund.api.CloseRefund;
import io.aftersales.refund.api.ConfirmPayout;
import io.aftersales.refund.api.FastTrackRefund;
import io.aftersales.refund.api.GoodsReceived;
import io.aftersales.refund.api.InterceptFailed;
import io.aftersales.refund.api.ModifyRefundRequest;
import io.aftersales.refund.api.Money;
import io.aftersales.refund.api.OpenRefund;
import io.aftersales.refund.api.ParcelAlreadyShipped;
import io.aftersales.refund.api.ParcelIntercepted;
import io.aftersales.refund.api.PaymentDecider;
import io.aftersales.refund.api.PayoutAnswer;
import io.aftersales.refund.api.PayoutOrder;
import io.aftersales.refund.api.PayoutRequested;
import io.aftersales.refund.api.QualityChecked;
import io.aftersales.refund.api.RecordAlreadyShipped;
import io.aftersales.refund.api.RecordGoodsReceived;
import io.aftersales.refund.api.RecordInterceptFailed;
import io.aftersales.refund.api.RecordPaidByPlatform;
import io.aftersales.refund.api.RecordParcelIntercepted;
import io.aftersales.refund.api.RecordQualityCheck;
import io.aftersales.refund.api.RecordReturnShipped;
import io.aftersales.refund.api.RecordShipmentCancelled;
import io.aftersales.refund.api.RefundActionNotAllowed;
import io.aftersales.refund.api.RefundAgreed;
import io.aftersales.refund.api.RefundApproved;
import io.aftersales.refund.api.RefundCancelled;
import io.aftersales.refund.api.RefundClosed;
import io.aftersales.refund.api.RefundFastTracked;
import io.aftersales.refund.api.RefundKind;
import io.aftersales.refund.api.RefundLine;
import io.aftersales.refund.api.RefundLineType;
import io.aftersales.refund.api.RefundOrigin;
import io.aftersales.refund.api.RefundPaid;
import io.aftersales.refund.api.RefundPayouts;
import io.aftersales.refund.api.RefundRefused;
import io.aftersales.refund.api.RefundRequestModified;
import io.aftersales.refund.api.RefundRequested;
import io.aftersales.refund.api.RefundRuleViolation;
import io.aftersales.refund.api.RefundStateConflict;
import io.aftersales.refund.api.RefundStatus;
import io.aftersales.refund.api.RefuseRefund;
import io.aftersales.refund.api.RequestPayout;
import io.aftersales.refund.api.ReserveRefund;
import io.aftersales.refund.api.Responsibility;
import io.aftersales.refund.api.ReturnPostageLineAdded;
import io.aftersales.refund.api.ReturnShipped;
import io.aftersales.refund.api.ShipmentCancellationRequested;
import io.aftersales.refund.api.ShipmentCancelled;
import io.aftersales.refund.api.StoreRefundPolicy;
import io.aftersales.refund.api.SupervisorApprovalRequired;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * One request for money (or, for an exchange, for a replacement) on one order line, and its return
 * leg (lifecycle.md §2). Its status is the money's; the return leg has its own stage, because a
 * fast-tracked refund is approved while its goods are still on their way.
 *
 * <p>Agreement goes through {@link RefundAgreements}, which first counts the refund on its
 * {@link OrderLineLedger}; the pre-shipment path is driven by {@link PreShipmentRefund}.
 */
@Aggregate(commandTargetResolver = "refundCommandTargetResolver")
public class Refund {

    private static final Set<RefundStatus> BUYER_MAY_CANCEL =
            EnumSet.of(RefundStatus.REQUESTED, RefundStatus.REFUSED, RefundStatus.WAITING_RETURN);
    private static final Set<RefundStatus> SELLER_MAY_REFUSE =
            EnumSet.of(RefundStatus.REQUESTED, RefundStatus.WAITING_SUPERVISOR);
    private static final Set<RefundStatus> SELLER_AGREED_TO_PAY =
            EnumSet.of(RefundStatus.APPROVED, RefundStatus.PAYOUT_REQUESTED);

    /** Where the goods are, independently of the money. */
    private enum ReturnStage { NOT_NEEDED, AWAITED, IN_TRANSIT, RECEIVED, CHECKED }

    @AggregateIdentifier
    private String refundId;
    private RefundOrigin origin;
    private RefundKind kind;
    private RefundStatus status;
    private ReturnStage returnStage = ReturnStage.NOT_NEEDED;
    private String storeId;
    private String orderId;
    private String orderLineId;
    private Money paidForLine;
    private List<RefundLine> lines = List.of();
    private Responsibility responsibility;
    private StoreRefundPolicy policy;
    private boolean fastTrack;
    private io.aftersales.refund.api.OrderItem item;

    protected Refund() {
        // Axon rebuilds the refund from its events
    }

    @CommandHandler
    public Refund(OpenRefund command) {
        if (command.origin() == null) {
            throw new RefundRuleViolation("origin", "a refund comes from a ticket's resolution or a platform request");
        }
        if (!command.origin().refundId().equals(command.refundId())) {
            throw new RefundRuleViolation("refundId", "must be the id its origin gives (RefundIds),"
                    + " so it is opened once");
        }
        if (command.policy() == null || command.policy().returnAddress() == null
                || command.policy().supervisorApprovalAbove() == null) {
            throw new RefundRuleViolation("policy", "the store's return address and approval threshold are required");
        }
        if (command.item() == null || command.item().platform() == null || isBlank(command.item().sku())) {
            throw new RefundRuleViolation("item", "the order line's platform and SKU are required");
        }
        List<RefundLine> requested = checkedLines(command.kind(), command.lines(), command.paidForLine());
        apply(new RefundRequested(command.refundId(), command.origin(), command.kind(), command.storeId(),
                command.orderId(), command.orderLineId(), command.buyerId(), command.paidForLine(), requested,
                command.responsibility(), command.policy(), command.actor(), command.requestedAt(), command.item()));
        if (command.batchDefectIncidentId() != null) {
            apply(new RefundFastTracked(command.refundId(), command.batchDefectIncidentId(), command.requestedAt()));
        }
    }

    /**
     * What agreeing counts on the order line: the lines against its price (not the reimbursed return
     * postage); nothing for an exchange. Refused when the refund is not REQUESTED.
     */
    Optional<ReserveRefund> reservationFor(AgreeRefund command) {
        requireStatus("agreed", RefundStatus.REQUESTED);
        if (!kind.paysMoney()) {
            return Optional.empty();
        }
        return Optional.of(new ReserveRefund(orderLineId, paidForLine, refundId, againstOrderLine(lines),
                command.requestedAt()));
    }

    /** Called by {@link RefundAgreements} once the order line's ledger counted the refund. */
    void agree(AgreeRefund command) {
        requireStatus("agreed", RefundStatus.REQUESTED);
        apply(new RefundAgreed(refundId, kind, kind.goodsComeBack() ? policy.returnAddress() : null,
                command.actor(), command.requestedAt()));
        switch (kind) {
            case REFUND_ONLY -> approveOrWaitForSupervisor(command.actor(), command.requestedAt());
            case BEFORE_SHIPMENT -> apply(new ShipmentCancellationRequested(refundId, storeId, orderId, orderLineId,
                    command.requestedAt()));
            default -> {
                // the goods come back first: WAITING_RETURN
            }
        }
    }

    @CommandHandler
    public void handle(RefuseRefund command) {
        if (isBlank(command.reason())) {
            throw new RefundRuleViolation("reason", "a refusal tells the buyer why");
        }
        requireStatus("refused", SELLER_MAY_REFUSE);
        apply(new RefundRefused(refundId, command.reason(), command.actor(), command.requestedAt()));
    }

    @CommandHandler
    public void handle(ModifyRefundRequest command) {
        requireStatus("modified", RefundStatus.REFUSED);
        apply(new RefundRequestModified(refundId, checkedLines(kind, command.lines(), paidForLine), command.actor(),
                command.requestedAt()));
    }

    @CommandHandler
    public void handle(CancelRefund command) {
        requireStatus("cancelled", BUYER_MAY_CANCEL);
        apply(new RefundCancelled(refundId, command.actor(), command.requestedAt()));
    }

    @CommandHandler
    public void handle(RecordReturnShipped command) {
        if (command.method() == null || !command.method().accepted()) {
            throw new RefundRuleViolation("method", "returns go by express or EMS only");
        }
        if (command.cashOnDelivery()) {
            throw new RefundRuleViolation("cashOnDelivery", "a cash-on-delivery return is not accepted");
        }
        if (isBlank(command.courier()) || isBlank(command.trackingNumber())) {
            throw new RefundRuleViolation("trackingNumber", "the courier and the tracking number are required");
        }
        requireReturnStage("shipped back", ReturnStage.AWAITED);
        apply(new ReturnShipped(refundId, command.method(), command.courier(), command.trackingNumber(),
                command.postage(), command.actor(), command.shippedAt()));
        if (kind.paysMoney() && responsibility == Responsibility.SELLER && command.postage() != null
                && command.postage().greaterThanZero() && lines.stream().noneMatch(
                        line -> line.type() == RefundLineType.RETURN_SHIPPING)) {
            apply(new ReturnPostageLineAdded(refundId, new RefundLine(RefundLineType.RETURN_SHIPPING,
                    command.postage()), command.shippedAt()));
        }
        if (fastTrack && kind.paysMoney()) {
            approveOrWaitForSupervisor(command.actor(), command.shippedAt());
        }
    }

    @CommandHandler
    public void handle(RecordGoodsReceived command) {
        requireReturnStage("received", ReturnStage.IN_TRANSIT);
        apply(new GoodsReceived(refundId, command.warehouseId(), command.actor(), command.receivedAt()));
    }

    @CommandHandler
    public void handle(RecordQualityCheck command) {
        if (command.disposition() == null) {
            throw new RefundRuleViolation("disposition", "QC says what happens to the goods");
        }
        if (!command.passed() && isBlank(command.reason())) {
            throw new RefundRuleViolation("reason", "a failed QC tells the buyer why");
        }
        requireReturnStage("quality-checked", ReturnStage.RECEIVED);
        apply(new QualityChecked(refundId, command.passed(), command.disposition(), command.reason(),
                command.actor(), command.checkedAt()));
        if (status != RefundStatus.RECEIVED) {
            return; // fast-tracked: the money did not wait for QC
        }
        if (!command.passed()) {
            apply(new RefundRefused(refundId, command.reason(), command.actor(), command.checkedAt()));
        } else if (kind.paysMoney()) {
            approveOrWaitForSupervisor(command.actor(), command.checkedAt());
        } else {
            apply(new RefundClosed(refundId, command.actor(), command.checkedAt()));
        }
    }

    @CommandHandler
    public void handle(RecordShipmentCancelled command) {
        requireStatus("stopped by the warehouse", RefundStatus.CANCELLING_SHIPMENT);
        apply(new ShipmentCancelled(refundId, command.cancelledAt()));
        approveOrWaitForSupervisor(Actors.SYSTEM, command.cancelledAt());
    }

    @CommandHandler
    public void handle(RecordAlreadyShipped command) {
        requireStatus("intercepted", RefundStatus.CANCELLING_SHIPMENT);
        apply(new ParcelAlreadyShipped(refundId, command.courier(), command.trackingNumber(), command.answeredAt()));
    }

    @CommandHandler
    public void handle(RecordParcelIntercepted command) {
        requireStatus("stopped by the courier", RefundStatus.INTERCEPTING);
        apply(new ParcelIntercepted(refundId, command.interceptedAt()));
        approveOrWaitForSupervisor(Actors.SYSTEM, command.interceptedAt());
    }

    @CommandHandler
    public void handle(RecordInterceptFailed command) {
        requireStatus("left to come back", RefundStatus.INTERCEPTING);
        apply(new InterceptFailed(refundId, command.reason(), command.answeredAt()));
    }

    @CommandHandler
    public void handle(ApproveRefund command) {
        requireStatus("approved", RefundStatus.WAITING_SUPERVISOR);
        if (command.role() != ActorRole.SUPERVISOR) {
            throw new RefundActionNotAllowed("a refund of " + total().amount() + " " + total().currency()
                    + " is above the store's threshold of " + policy.supervisorApprovalAbove().amount()
                    + ": only a supervisor approves it");
        }
        apply(new RefundApproved(refundId, total(), lines, command.actor(), command.requestedAt()));
    }

    /**
     * Asks the platform once: a refund whose payout was requested, or which is paid, asks nothing
     * more. If the port throws, nothing is recorded and the request may be sent again: the platform
     * sees the same idempotency key.
     */
    @CommandHandler
    public void handle(RequestPayout command, RefundPayouts payouts) {
        if (status == RefundStatus.PAYOUT_REQUESTED || status == RefundStatus.PAID || status == RefundStatus.CLOSED) {
            return;
        }
        requireStatus("paid out", RefundStatus.APPROVED);
        PayoutAnswer answer = payouts.requestPayout(new PayoutOrder(refundId, origin, storeId, orderId, orderLineId,
                total(), lines, item));
        apply(new PayoutRequested(refundId, refundId, total(), command.requestedAt()));
        if (answer.confirmed()) {
            apply(new RefundPaid(refundId, total(), PaymentDecider.SELLER, answer.platformReference(), null,
                    command.requestedAt()));
        }
    }

    /** The platform's notification; a second one (or one after a synchronous confirmation) changes nothing. */
    @CommandHandler
    public void handle(ConfirmPayout command) {
        if (status == RefundStatus.PAID || status == RefundStatus.CLOSED) {
            return;
        }
        requireStatus("confirmed paid", RefundStatus.PAYOUT_REQUESTED);
        apply(new RefundPaid(refundId, total(), PaymentDecider.SELLER, command.platformReference(), null,
                command.paidAt()));
    }

    /**
     * What a payment the platform made by itself counts on the order line: a refund the seller never
     * agreed to (requested, or refused) was never counted, so it is counted now; otherwise nothing.
     * Called by {@link PlatformPayments}.
     */
    Optional<ReserveRefund> countingFor(RecordPaidByPlatform command) {
        if (!kind.paysMoney() || (status != RefundStatus.REQUESTED && status != RefundStatus.REFUSED)) {
            return Optional.empty();
        }
        return Optional.of(new ReserveRefund(orderLineId, paidForLine, refundId, againstOrderLine(lines),
                command.paidAt()));
    }

    /**
     * The platform paid by itself. Before the seller agreed to pay, that is the platform's decision
     * (its deadline passed): "PAID by platform"; once the seller had approved, it is the seller's
     * payout confirmed. Called by {@link PlatformPayments}, after the order line counted it.
     */
    void paidByPlatform(RecordPaidByPlatform command) {
        if (status == RefundStatus.PAID || status == RefundStatus.CLOSED) {
            return;
        }
        if (status == RefundStatus.CANCELLED) {
            throw new RefundStateConflict("paid", status);
        }
        PaymentDecider decider =
                SELLER_AGREED_TO_PAY.contains(status) ? PaymentDecider.SELLER : PaymentDecider.PLATFORM;
        apply(new RefundPaid(refundId, total(), decider, command.platformReference(), command.platformStatus(),
                command.paidAt()));
    }

    /** Idempotent per refund; a refund whose return is already on its way or waiting for QC is approved now. */
    @CommandHandler
    public void handle(FastTrackRefund command) {
        if (fastTrack || !kind.paysMoney() || EnumSet.of(RefundStatus.PAID, RefundStatus.CLOSED, RefundStatus.CANCELLED,
                RefundStatus.REFUSED).contains(status)) {
            return;
        }
        apply(new RefundFastTracked(refundId, command.incidentId(), command.confirmedAt()));
        if (status == RefundStatus.RETURN_IN_TRANSIT || status == RefundStatus.RECEIVED) {
            approveOrWaitForSupervisor(Actors.SYSTEM, command.confirmedAt());
        }
    }

    /** A closed refund closed again changes nothing (two instances sweeping at once). */
    @CommandHandler
    public void handle(CloseRefund command) {
        if (status == RefundStatus.CLOSED) {
            return;
        }
        requireStatus("closed", RefundStatus.PAID);
        if (returnStage != ReturnStage.NOT_NEEDED && returnStage != ReturnStage.CHECKED) {
            throw new RefundRuleViolation("return", "the returned goods are not checked yet");
        }
        apply(new RefundClosed(refundId, command.actor(), command.requestedAt()));
    }

    private void approveOrWaitForSupervisor(String actor, Instant at) {
        Money total = total();
        Money threshold = policy.supervisorApprovalAbove();
        if (total.isGreaterThan(threshold)) {
            apply(new SupervisorApprovalRequired(refundId, total, threshold, at));
        } else {
            apply(new RefundApproved(refundId, total, lines, actor, at));
        }
    }

    private Money total() {
        return lines.stream().map(RefundLine::amount).reduce(Money::plus).orElse(Money.zero(paidForLine.currency()));
    }

    private static Money againstOrderLine(List<RefundLine> lines) {
        return lines.stream().filter(line -> line.type().againstOrderLine()).map(RefundLine::amount)
                .reduce(Money::plus).orElseThrow();
    }

    private static List<RefundLine> checkedLines(RefundKind kind, List<RefundLine> lines, Money paidForLine) {
        if (kind == null) {
            throw new RefundRuleViolation("kind", "is required");
        }
        if (paidForLine == null || !paidForLine.greaterThanZero()) {
            throw new RefundRuleViolation("paidForLine", "what was paid for the order line is required");
        }
        List<RefundLine> checked = lines == null ? List.of() : List.copyOf(lines);
        if (!kind.paysMoney()) {
            if (!checked.isEmpty()) {
                throw new RefundRuleViolation("lines", "an exchange moves no money");
            }
            return checked;
        }
        if (checked.isEmpty()) {
            throw new RefundRuleViolation("lines", "a refund has at least one line");
        }
        for (RefundLine line : checked) {
            if (!line.amount().greaterThanZero()) {
                throw new RefundRuleViolation("lines", "every line is a positive amount");
            }
            if (!line.amount().currency().equals(paidForLine.currency())) {
                throw new RefundRuleViolation("lines", "every line is in " + paidForLine.currency());
            }
        }
        if (checked.stream().noneMatch(line -> line.type().againstOrderLine())) {
            throw new RefundRuleViolation("lines", "a refund pays back part of the order line");
        }
        return checked;
    }

    private void requireStatus(String action, RefundStatus expected) {
        requireStatus(action, EnumSet.of(expected));
    }

    private void requireStatus(String action, Set<RefundStatus> allowed) {
        if (!allowed.contains(status)) {
            throw new RefundStateConflict(action, status);
        }
    }

    private void requireReturnStage(String action, ReturnStage expected) {
        if (returnStage != expected || status == RefundStatus.CANCELLED || status == RefundStatus.REFUSED) {
            throw new RefundStateConflict(action, status);
        }
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }

    @EventSourcingHandler
    void on(RefundRequested event) {
        refundId = event.refundId();
        origin = event.origin();
        kind = event.kind();
        storeId = event.storeId();
        orderId = event.orderId();
        orderLineId = event.orderLineId();
        paidForLine = event.paidForLine();
        lines = event.lines();
        responsibility = event.responsibility();
        policy = event.policy();
        item = event.item();
        status = RefundStatus.REQUESTED;
    }

    @EventSourcingHandler
    void on(RefundRequestModified event) {
        lines = event.lines();
        status = RefundStatus.REQUESTED;
    }

    @EventSourcingHandler
    void on(RefundAgreed event) {
        switch (kind) {
            case RETURN_AND_REFUND, EXCHANGE -> {
                status = RefundStatus.WAITING_RETURN;
                returnStage = ReturnStage.AWAITED;
            }
            case BEFORE_SHIPMENT -> status = RefundStatus.CANCELLING_SHIPMENT;
            case REFUND_ONLY -> {
                // approved (or waiting for a supervisor) by the next event
            }
        }
    }

    @EventSourcingHandler
    void on(RefundRefused event) {
        status = RefundStatus.REFUSED;
    }

    @EventSourcingHandler
    void on(RefundCancelled event) {
        status = RefundStatus.CANCELLED;
    }

    @EventSourcingHandler
    void on(ReturnShipped event) {
        returnStage = ReturnStage.IN_TRANSIT;
        if (status == RefundStatus.WAITING_RETURN) {
            status = RefundStatus.RETURN_IN_TRANSIT;
        }
    }

    @EventSourcingHandler
    void on(ReturnPostageLineAdded event) {
        List<RefundLine> withPostage = new ArrayList<>(lines);
        withPostage.add(event.line());
        lines = List.copyOf(withPostage);
    }

    @EventSourcingHandler
    void on(GoodsReceived event) {
        returnStage = ReturnStage.RECEIVED;
        if (status == RefundStatus.RETURN_IN_TRANSIT) {
            status = RefundStatus.RECEIVED;
        }
    }

    @EventSourcingHandler
    void on(QualityChecked event) {
        returnStage = ReturnStage.CHECKED;
    }

    @EventSourcingHandler
    void on(ParcelAlreadyShipped event) {
        status = RefundStatus.INTERCEPTING;
    }

    @EventSourcingHandler
    void on(InterceptFailed event) {
        status = RefundStatus.WAITING_RETURN;
        returnStage = ReturnStage.AWAITED;
    }

    @EventSourcingHandler
    void on(SupervisorApprovalRequired event) {
        status = RefundStatus.WAITING_SUPERVISOR;
    }

    @EventSourcingHandler
    void on(RefundApproved event) {
        status = RefundStatus.APPROVED;
    }

    @EventSourcingHandler
    void on(PayoutRequested event) {
        status = RefundStatus.PAYOUT_REQUESTED;
    }

    @EventSourcingHandler
    void on(RefundPaid event) {
        status = RefundStatus.PAID;
    }

    @EventSourcingHandler
    void on(RefundFastTracked event) {
        fastTrack = true;
    }

    @EventSourcingHandler
    void on(RefundClosed event) {
        status = RefundStatus.CLOSED;
    }
}
