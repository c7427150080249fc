package io.aftersales.refund.query;

import io.aftersales.refund.api.Money;
import io.aftersales.refund.api.RefundReleased;
import io.aftersales.refund.api.RefundReserved;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One refund and one order line, read from their event streams (so an action's answer already
 * shows the action; refunds take no snapshots, so the stream starts at the first event).
 */
public class RefundQueries {

    private final EventStore eventStore;

    public RefundQueries(EventStore eventStore) {
        this.eventStore = eventStore;
    }

    public Optional<RefundView> find(String refundId) {
        if (refundId == null || refundId.isBlank() || refundId.length() > 128) {
            return Optional.empty();
        }
        List<RefundView.Sequenced> events = new ArrayList<>();
        DomainEventStream stream = eventStore.readEvents(refundId);
        while (stream.hasNext()) {
            DomainEventMessage<?> message = stream.next();
            events.add(new RefundView.Sequenced(message.getSequenceNumber(), message.getPayload()));
        }
        return Optional.ofNullable(RefundView.fold(events));
    }

    /** What was paid for the order line and every refund counted against it. */
    public record LedgerView(String orderLineId, Money paid, Map<String, Money> refunds, Money refunded) {
    }

    public Optional<LedgerView> ledger(String orderLineId) {
        Money paid = null;
        Map<String, Money> refunds = new LinkedHashMap<>();
        DomainEventStream stream = eventStore.readEvents(orderLineId);
        while (stream.hasNext()) {
            Object event = stream.next().getPayload();
            if (event instanceof RefundReserved e) {
                paid = paid == null ? e.paidForLine() : paid;
                refunds.put(e.refundId(), e.amount());
            } else if (event instanceof RefundReleased e) {
                refunds.remove(e.refundId());
            }
        }
        if (paid == null) {
            return Optional.empty();
        }
        Money refunded = refunds.values().stream().reduce(Money::plus).orElse(Money.zero(paid.currency()));
        return Optional.of(new LedgerView(orderLineId, paid, Map.copyOf(refunds), refunded));
    }
}
