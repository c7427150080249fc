package io.aftersales.refund.messaging;

import io.aftersales.contracts.IntegrationEvent;
import io.aftersales.contracts.refunds.v1.QualityCheckFailed;
import io.aftersales.contracts.refunds.v1.QualityCheckPassed;
import io.aftersales.platform.messaging.OutgoingEvent;
import io.aftersales.platform.messaging.OutgoingEventTranslator;
import io.aftersales.refund.api.GoodsReceived;
import io.aftersales.refund.api.Money;
import io.aftersales.refund.api.PaymentDecider;
import io.aftersales.refund.api.QualityChecked;
import io.aftersales.refund.api.RefundAgreed;
import io.aftersales.refund.api.RefundApproved;
import io.aftersales.refund.api.RefundCancelled;
import io.aftersales.refund.api.RefundClosed;
import io.aftersales.refund.api.RefundPaid;
import io.aftersales.refund.api.RefundRefused;
import io.aftersales.refund.api.RefundRequested;
import io.aftersales.refund.api.ReturnShipped;
import io.aftersales.refund.query.RefundQueries;
import io.aftersales.refund.query.RefundView;

import java.util.Optional;

/**
 * What refund-service publishes on {@code aftersales.refunds.v1}, keyed by the refund id: requested,
 * agreed, refused, cancelled, return-shipped, goods-received (refunds from a ticket only: the
 * contract requires the ticket), qc-passed, qc-failed, approved, paid, closed. The refund's fixed
 * facts (ticket, store, platform, order, SKU) come from its first event. Internal, never published:
 * the ledger, the pre-shipment steps, the supervisor wait, the payout request, a modified request.
 */
public class RefundEventTranslator implements OutgoingEventTranslator {

    private final RefundQueries queries;

    public RefundEventTranslator(RefundQueries queries) {
        this.queries = queries;
    }

    @Override
    public Optional<OutgoingEvent> translate(Object domainEvent) {
        if (domainEvent instanceof RefundRequested e) {
            Money total = e.lines().stream().map(l -> l.amount()).reduce(Money::plus)
                    .orElse(Money.zero(e.paidForLine().currency()));
            return published(new io.aftersales.contracts.refunds.v1.RefundRequested(e.refundId(),
                    e.origin().ticketId(), e.origin().resolutionNumber(), e.storeId(), e.item().platform().name(),
                    e.orderId(), e.item().sku(), e.kind().name(), money(total),
                    context(e.refundId()).map(RefundView::fastTrack).orElse(false), e.requestedBy(),
                    e.requestedAt()));
        }
        if (domainEvent instanceof RefundAgreed e) {
            return context(e.refundId()).flatMap(r -> published(new io.aftersales.contracts.refunds.v1.RefundAgreed(
                    r.id(), r.origin().ticketId(), r.origin().resolutionNumber(), r.storeId(),
                    r.item().platform().name(), r.orderId(), r.item().sku(), e.kind().name(),
                    e.kind().goodsComeBack(), e.agreedBy(), e.agreedAt())));
        }
        if (domainEvent instanceof RefundRefused e) {
            return context(e.refundId()).flatMap(r -> published(new io.aftersales.contracts.refunds.v1.RefundRefused(
                    r.id(), r.origin().ticketId(), r.origin().resolutionNumber(), r.storeId(),
                    r.item().platform().name(), r.orderId(), r.item().sku(), e.reason(), e.refusedBy(),
                    e.refusedAt())));
        }
        if (domainEvent instanceof RefundCancelled e) {
            return context(e.refundId()).flatMap(r -> published(new io.aftersales.contracts.refunds.v1.RefundCancelled(
                    r.id(), r.origin().ticketId(), r.origin().resolutionNumber(), r.storeId(),
                    r.item().platform().name(), r.orderId(), r.item().sku(), e.cancelledBy(), e.cancelledAt())));
        }
        if (domainEvent instanceof ReturnShipped e) {
            return context(e.refundId()).flatMap(r -> published(new io.aftersales.contracts.refunds.v1.ReturnShipped(
                    r.id(), r.origin().ticketId(), r.origin().resolutionNumber(), r.storeId(),
                    r.item().platform().name(), r.orderId(), r.item().sku(), e.courier(), e.trackingNumber(),
                    e.recordedBy(), e.shippedAt())));
        }
        if (domainEvent instanceof GoodsReceived e) {
            return context(e.refundId()).filter(r -> r.origin().fromTicket()).flatMap(r -> published(
                    new io.aftersales.contracts.refunds.v1.GoodsReceived(r.id(), r.origin().ticketId(),
                            r.origin().resolutionNumber(), r.storeId(), e.warehouseId(), e.receivedBy(),
                            e.receivedAt())));
        }
        if (domainEvent instanceof QualityChecked e) {
            return context(e.refundId()).flatMap(r -> published(e.passed()
                    ? new QualityCheckPassed(r.id(), r.origin().ticketId(), r.origin().resolutionNumber(), r.storeId(),
                    r.item().platform().name(), r.orderId(), r.item().sku(), e.disposition().name(), e.checkedBy(),
                    e.checkedAt())
                    : new QualityCheckFailed(r.id(), r.origin().ticketId(), r.origin().resolutionNumber(), r.storeId(),
                    r.item().platform().name(), r.orderId(), r.item().sku(), e.disposition().name(), e.reason(),
                    e.checkedBy(), e.checkedAt())));
        }
        if (domainEvent instanceof RefundApproved e) {
            return context(e.refundId()).flatMap(r -> published(new io.aftersales.contracts.refunds.v1.RefundApproved(
                    r.id(), r.origin().ticketId(), r.origin().resolutionNumber(), r.storeId(),
                    r.item().platform().name(), r.orderId(), r.item().sku(), money(e.total()), e.approvedBy(),
                    e.approvedAt())));
        }
        if (domainEvent instanceof RefundPaid e) {
            return context(e.refundId()).flatMap(r -> published(new io.aftersales.contracts.refunds.v1.RefundPaid(
                    r.id(), r.origin().ticketId(), r.origin().resolutionNumber(), r.storeId(),
                    r.item().platform().name(), r.orderId(), r.item().sku(), money(e.total()),
                    e.decidedBy() == PaymentDecider.PLATFORM, e.paidAt())));
        }
        if (domainEvent instanceof RefundClosed e) {
            return context(e.refundId()).flatMap(r -> published(new io.aftersales.contracts.refunds.v1.RefundClosed(
                    r.id(), r.origin().ticketId(), r.origin().resolutionNumber(), r.storeId(),
                    r.item().platform().name(), r.orderId(), r.item().sku(), e.closedBy(), e.closedAt())));
        }
        return Optional.empty();
    }

    private Optional<RefundView> context(String refundId) {
        return queries.find(refundId);
    }

    private static Optional<OutgoingEvent> published(IntegrationEvent contract) {
        try {
            return Optional.of(new OutgoingEvent((String) contract.getClass().getField("TYPE").get(null),
                    contract.subject(), contract));
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(contract.getClass() + " has no TYPE", e);
        }
    }

    private static io.aftersales.contracts.Money money(Money money) {
        return new io.aftersales.contracts.Money(money.amount().toPlainString(), money.currency());
    }
}
