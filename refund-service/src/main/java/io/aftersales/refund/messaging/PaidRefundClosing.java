package io.aftersales.refund.messaging;

import io.aftersales.refund.api.Actors;
import io.aftersales.refund.api.CloseRefund;
import io.aftersales.refund.api.RefundRuleViolation;
import io.aftersales.refund.query.RefundQueries;
import io.aftersales.refund.query.RefundSummaryProjection;
import io.aftersales.refund.query.RefundView;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import io.aftersales.platform.scheduling.PeriodicTask;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Closes paid refunds once the platform has settled them (lifecycle.md §2, PAID → CLOSED): every
 * {@code every}, each refund PAID for at least {@code afterPaid} (the platform's settlement: the
 * buyer's money has arrived, a reversal is no longer expected) whose return, if any, was checked
 * gets {@code CloseRefund} and publishes {@code refund.closed}. A refund paid before its QC (fast
 * track) closes at the first sweep after the QC. Durable and safe on several instances: the
 * candidates come from the refund list, and closing a closed refund changes nothing.
 */
public class PaidRefundClosing extends PeriodicTask {

    private static final Logger LOG = LoggerFactory.getLogger(PaidRefundClosing.class);

    private final CommandGateway commandGateway;
    private final RefundSummaryProjection summaries;
    private final RefundQueries queries;
    private final Clock clock;
    private final Duration afterPaid;

    public PaidRefundClosing(CommandGateway commandGateway, RefundSummaryProjection summaries, RefundQueries queries,
                             Clock clock, Duration afterPaid, Duration every) {
        super("refund-closing", every, every);
        this.commandGateway = commandGateway;
        this.summaries = summaries;
        this.queries = queries;
        this.clock = clock;
        this.afterPaid = afterPaid;
    }

    /** One sweep; returns how many refunds it closed. */
    public int closeSettled() {
        Instant settledBefore = clock.instant().minus(afterPaid);
        int closed = 0;
        for (String refundId : summaries.paidNoLaterThan(settledBefore)) {
            RefundView view = queries.find(refundId).orElse(null);
            if (view == null || view.payout() == null || view.payout().paidAt() == null
                    || view.payout().paidAt().isAfter(settledBefore)) {
                continue;
            }
            try {
                commandGateway.sendAndWait(new CloseRefund(refundId, Actors.SYSTEM, clock.instant()));
                closed++;
            } catch (RefundRuleViolation waitingForQc) {
                LOG.debug("Refund {} is paid but its return is not checked yet: closed after its QC", refundId);
            }
        }
        return closed;
    }

    @Override
    protected void runOnce() {
        closeSettled();
    }
}
