package io.aftersales.refund.query;

import io.aftersales.refund.api.Disposition;
import io.aftersales.refund.api.GoodsReceived;
import io.aftersales.refund.api.InterceptFailed;
import io.aftersales.refund.api.Money;
import io.aftersales.refund.api.OrderItem;
import io.aftersales.refund.api.ParcelAlreadyShipped;
import io.aftersales.refund.api.ParcelIntercepted;
import io.aftersales.refund.api.PaymentDecider;
import io.aftersales.refund.api.PayoutRequested;
import io.aftersales.refund.api.QualityChecked;
import io.aftersales.refund.api.RefundAgreed;
import io.aftersales.refund.api.RefundApproved;
import io.aftersales.refund.api.RefundCancelled;
import io.aftersales.refund.api.RefundClosed;
import io.aftersales.refund.api.RefundFastTracked;
import io.aftersales.refund.api.RefundKind;
import io.aftersales.refund.api.RefundLine;
import io.aftersales.refund.api.RefundOrigin;
import io.aftersales.refund.api.RefundPaid;
import io.aftersales.refund.api.RefundRefused;
import io.aftersales.refund.api.RefundRequestModified;
import io.aftersales.refund.api.RefundRequested;
import io.aftersales.refund.api.RefundStatus;
import io.aftersales.refund.api.ReturnAddress;
import io.aftersales.refund.api.ReturnPostageLineAdded;
import io.aftersales.refund.api.ReturnShipped;
import io.aftersales.refund.api.ShipmentCancellationRequested;
import io.aftersales.refund.api.ShipmentCancelled;
import io.aftersales.refund.api.SupervisorApprovalRequired;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One refund as the API shows it, folded from its events: its state, lines and total, the return
 * leg, the payout and its history (every step with its actor). {@code version} is the aggregate's
 * sequence number of its last event: the ETag.
 */
public record RefundView(String id, RefundOrigin origin, RefundKind kind, RefundStatus status, String storeId,
                         String orderId, String orderLineId, String buyerId, OrderItem item, Money paidForLine,
                         List<RefundLine> lines, Money total, String responsibility, boolean fastTrack,
                         ReturnAddress returnAddress, ReturnLeg returnLeg, Payout payout, Instant requestedAt,
                         Instant updatedAt, long version, List<HistoryEntry> history) {

    /** The goods' way back: shipped with, received by, checked with. */
    public record ReturnLeg(String courier, String trackingNumber, Instant shippedAt, String warehouseId,
                            Instant receivedAt, Boolean qcPassed, Disposition disposition, String qcReason,
                            Instant checkedAt) {
    }

    /** The money: asked with this idempotency key, paid with the platform's reference. */
    public record Payout(String idempotencyKey, Instant requestedAt, String platformReference,
                         PaymentDecider decidedBy, Instant paidAt) {
    }

    /** One step: what happened, who did it (an actor id, or {@code system}/{@code platform}), when. */
    public record HistoryEntry(long sequence, String event, String actor, Instant at, String detail) {
    }

    /** Folds a refund's events (payloads with their sequence numbers, in order); null without its first event. */
    public static RefundView fold(List<Sequenced> events) {
        Builder b = null;
        for (Sequenced sequenced : events) {
            Object event = sequenced.payload();
            if (event instanceof RefundRequested e) {
                b = new Builder(e);
            }
            if (b != null) {
                b.apply(sequenced.sequence(), event);
            }
        }
        return b == null ? null : b.build();
    }

    /** An event payload and its sequence number in the refund's stream. */
    public record Sequenced(long sequence, Object payload) {
    }

    private static final class Builder {
        private final RefundRequested opened;
        private RefundStatus status = RefundStatus.REQUESTED;
        private List<RefundLine> lines;
        private boolean fastTrack;
        private ReturnAddress returnAddress;
        private String courier;
        private String trackingNumber;
        private Instant shippedAt;
        private String warehouseId;
        private Instant receivedAt;
        private Boolean qcPassed;
        private Disposition disposition;
        private String qcReason;
        private Instant checkedAt;
        private Payout payout;
        private Instant updatedAt;
        private long version;
        private final List<HistoryEntry> history = new ArrayList<>();

        Builder(RefundRequested opened) {
            this.opened = opened;
            this.lines = opened.lines();
        }

        void apply(long sequence, Object event) {
            version = sequence;
            if (event instanceof RefundRequested e) {
                step(sequence, "REQUESTED", e.requestedBy(), e.requestedAt(), e.kind().name());
            } else if (event instanceof RefundRequestModified e) {
                lines = e.lines();
                status = RefundStatus.REQUESTED;
                step(sequence, "MODIFIED", e.modifiedBy(), e.modifiedAt(), null);
            } else if (event instanceof RefundAgreed e) {
                returnAddress = e.returnAddress();
                switch (opened.kind()) {
                    case RETURN_AND_REFUND, EXCHANGE -> status = RefundStatus.WAITING_RETURN;
                    case BEFORE_SHIPMENT -> status = RefundStatus.CANCELLING_SHIPMENT;
                    case REFUND_ONLY -> { }
                }
                step(sequence, "AGREED", e.agreedBy(), e.agreedAt(), null);
            } else if (event instanceof RefundRefused e) {
                status = RefundStatus.REFUSED;
                step(sequence, "REFUSED", e.refusedBy(), e.refusedAt(), e.reason());
            } else if (event instanceof RefundCancelled e) {
                status = RefundStatus.CANCELLED;
                step(sequence, "CANCELLED", e.cancelledBy(), e.cancelledAt(), null);
            } else if (event instanceof ReturnShipped e) {
                courier = e.courier();
                trackingNumber = e.trackingNumber();
                shippedAt = e.shippedAt();
                if (status == RefundStatus.WAITING_RETURN) {
                    status = RefundStatus.RETURN_IN_TRANSIT;
                }
                step(sequence, "RETURN_SHIPPED", e.recordedBy(), e.shippedAt(), e.courier() + " " + e.trackingNumber());
            } else if (event instanceof ReturnPostageLineAdded e) {
                List<RefundLine> withPostage = new ArrayList<>(lines);
                withPostage.add(e.line());
                lines = List.copyOf(withPostage);
                step(sequence, "RETURN_POSTAGE_ADDED", "system", e.addedAt(), e.line().amount().amount().toPlainString());
            } else if (event instanceof GoodsReceived e) {
                warehouseId = e.warehouseId();
                receivedAt = e.receivedAt();
                if (status == RefundStatus.RETURN_IN_TRANSIT) {
                    status = RefundStatus.RECEIVED;
                }
                step(sequence, "GOODS_RECEIVED", e.receivedBy(), e.receivedAt(), e.warehouseId());
            } else if (event instanceof QualityChecked e) {
                qcPassed = e.passed();
                disposition = e.disposition();
                qcReason = e.reason();
                checkedAt = e.checkedAt();
                step(sequence, e.passed() ? "QC_PASSED" : "QC_FAILED", e.checkedBy(), e.checkedAt(),
                        e.disposition() + (e.reason() == null ? "" : ": " + e.reason()));
            } else if (event instanceof ShipmentCancellationRequested e) {
                step(sequence, "SHIPMENT_CANCELLATION_REQUESTED", "system", e.requestedAt(), null);
            } else if (event instanceof ShipmentCancelled e) {
                step(sequence, "SHIPMENT_CANCELLED", "system", e.cancelledAt(), null);
            } else if (event instanceof ParcelAlreadyShipped e) {
                status = RefundStatus.INTERCEPTING;
                courier = e.courier();
                trackingNumber = e.trackingNumber();
                step(sequence, "ALREADY_SHIPPED", "system", e.answeredAt(), e.courier() + " " + e.trackingNumber());
            } else if (event instanceof ParcelIntercepted e) {
                step(sequence, "INTERCEPTED", "system", e.interceptedAt(), null);
            } else if (event instanceof InterceptFailed e) {
                status = RefundStatus.WAITING_RETURN;
                step(sequence, "INTERCEPT_FAILED", "system", e.answeredAt(), e.reason());
            } else if (event instanceof SupervisorApprovalRequired e) {
                status = RefundStatus.WAITING_SUPERVISOR;
                step(sequence, "WAITING_SUPERVISOR", "system", e.requiredAt(), e.threshold().amount().toPlainString());
            } else if (event instanceof RefundApproved e) {
                status = RefundStatus.APPROVED;
                step(sequence, "APPROVED", e.approvedBy(), e.approvedAt(), e.total().amount().toPlainString());
            } else if (event instanceof PayoutRequested e) {
                status = RefundStatus.PAYOUT_REQUESTED;
                payout = new Payout(e.idempotencyKey(), e.requestedAt(), null, null, null);
                step(sequence, "PAYOUT_REQUESTED", "system", e.requestedAt(), null);
            } else if (event instanceof RefundPaid e) {
                status = RefundStatus.PAID;
                payout = new Payout(payout == null ? null : payout.idempotencyKey(),
                        payout == null ? null : payout.requestedAt(), e.platformReference(), e.decidedBy(), e.paidAt());
                step(sequence, "PAID", e.decidedBy() == PaymentDecider.PLATFORM ? "platform" : "system", e.paidAt(),
                        e.platformReference());
            } else if (event instanceof RefundFastTracked e) {
                fastTrack = true;
                step(sequence, "FAST_TRACKED", "system", e.confirmedAt(), e.incidentId());
            } else if (event instanceof RefundClosed e) {
                status = RefundStatus.CLOSED;
                step(sequence, "CLOSED", e.closedBy(), e.closedAt(), null);
            }
        }

        private void step(long sequence, String what, String actor, Instant at, String detail) {
            history.add(new HistoryEntry(sequence, what, actor, at, detail));
            updatedAt = at;
        }

        RefundView build() {
            Money total = lines.stream().map(RefundLine::amount).reduce(Money::plus)
                    .orElse(Money.zero(opened.paidForLine().currency()));
            ReturnLeg leg = opened.kind().goodsComeBack() || courier != null
                    ? new ReturnLeg(courier, trackingNumber, shippedAt, warehouseId, receivedAt, qcPassed, disposition,
                    qcReason, checkedAt) : null;
            return new RefundView(opened.refundId(), opened.origin(), opened.kind(), status, opened.storeId(),
                    opened.orderId(), opened.orderLineId(), opened.buyerId(), opened.item(), opened.paidForLine(),
                    lines, total, opened.responsibility() == null ? null : opened.responsibility().name(), fastTrack,
                    returnAddress, leg, payout, opened.requestedAt(), updatedAt, version, List.copyOf(history));
        }
    }
}
