package io.aftersales.refund.command;

import io.aftersales.refund.api.Money;
import io.aftersales.refund.api.RefundExceedsPaid;
import io.aftersales.refund.api.RefundReleased;
import io.aftersales.refund.api.RefundReserved;
import io.aftersales.refund.api.RefundRuleViolation;
import io.aftersales.refund.api.ReleaseRefund;
import io.aftersales.refund.api.ReserveRefund;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;
import org.axonframework.modelling.command.CreationPolicy;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Objects;
import java.util.Map;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * What was paid for one order line and every refund counted against it: the total never exceeds
 * what was paid. Its own aggregate, keyed by the order line, so two refunds on one line are
 * serialised by the event store's (aggregate, sequence) uniqueness even on two instances: the
 * second writer's commit fails and its refund is not agreed (ADR 0110).
 */
@Aggregate
public class OrderLineLedger {

    @AggregateIdentifier
    private String orderLineId;
    private Money paid;
    private final Map<String, Money> refunds = new LinkedHashMap<>();
    /** The refund's version when it was counted (null: not known). */
    private final Map<String, Long> countedAtVersion = new HashMap<>();

    public OrderLineLedger() {
        // created on the first refund counted against the line, or rebuilt from its events
    }

    /**
     * Counts the refund; the same refund counted again (modified after a refusal) replaces its
     * amount, and the same amount again changes nothing. The first refund sets what was paid.
     */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(ReserveRefund command) {
        if (command.amount() == null || !command.amount().greaterThanZero()) {
            throw new RefundRuleViolation("amount", "a refund counted on an order line is a positive amount");
        }
        Money paidForLine = paid != null ? paid : command.paidForLine();
        if (paidForLine == null) {
            throw new RefundRuleViolation("paidForLine", "what was paid for the order line is required");
        }
        if (command.amount().equals(refunds.get(command.refundId()))
                && (command.refundVersion() == null
                || Objects.equals(command.refundVersion(), countedAtVersion.get(command.refundId())))) {
            return;
        }
        Money others = refunds.entrySet().stream().filter(entry -> !entry.getKey().equals(command.refundId()))
                .map(Map.Entry::getValue).reduce(Money::plus).orElse(Money.zero(paidForLine.currency()));
        if (others.plus(command.amount()).isGreaterThan(paidForLine)) {
            throw new RefundExceedsPaid(command.orderLineId(), paidForLine, others, command.amount());
        }
        apply(new RefundReserved(command.orderLineId(),
                paidForLine, command.refundId(), command.amount(), command.requestedAt(), command.refundVersion()));
    }

    /**
     * The platform paid the refund by itself (the seller never agreed, so it was not counted): it is
     * counted now and never refused, because the money is gone; a line paid back beyond what was paid
     * shows it. Called by {@link PlatformPayments} in the unit of work that records the payment.
     */
    void countPaidByPlatform(ReserveRefund command) {
        Money paidForLine = paid != null ? paid : command.paidForLine();
        if (command.amount().equals(refunds.get(command.refundId()))) {
            return;
        }
        apply(new RefundReserved(command.orderLineId(), paidForLine, command.refundId(), command.amount(),
                command.requestedAt(), command.refundVersion()));
    }

    /**
     * Idempotent: a refund not counted (or already released) changes nothing, and so does a release
     * for a refusal or cancellation older than the refund's counting (it was modified and agreed
     * again since: the new amount stays counted).
     */
    @CommandHandler
    public void handle(ReleaseRefund command) {
        if (!refunds.containsKey(command.refundId())) {
            return;
        }
        Long counted = countedAtVersion.get(command.refundId());
        if (command.refundVersion() != null && counted != null && counted >= command.refundVersion()) {
            return;
        }
        apply(new RefundReleased(orderLineId,
                command.refundId(), command.releasedAt()));
    }

    @EventSourcingHandler
    void on(RefundReserved event) {
        orderLineId = event.orderLineId();
        paid = event.paidForLine();
        refunds.put(event.refundId(), event.amount());
        countedAtVersion.put(event.refundId(), event.refundVersion());
    }

    @EventSourcingHandler
    void on(RefundReleased event) {
        refunds.remove(event.refundId());
        countedAtVersion.remove(event.refundId());
    }
}
