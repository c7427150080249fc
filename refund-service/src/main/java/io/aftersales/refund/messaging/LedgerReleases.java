package io.aftersales.refund.messaging;

import io.aftersales.refund.api.RefundCancelled;
import io.aftersales.refund.api.RefundRefused;
import io.aftersales.refund.api.ReleaseRefund;
import io.aftersales.refund.query.RefundQueries;
import io.aftersales.refund.query.RefundView;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;

import java.time.Instant;
import java.util.Optional;

/**
 * A refused or cancelled refund will never be paid: its amount no longer counts against its order
 * line ({@link ReleaseRefund}), so a later refund on the same line may take it. Its own tracking
 * processor ({@value #PROCESSING_GROUP}) whose errors propagate (a ledger busy with another refund is
 * retried, never skipped). Idempotent: the ledger ignores a refund it does not count, and the release
 * carries the refusal's sequence number, so a refund modified and agreed again since keeps its new
 * amount counted even when this processor runs late or replays.
 */
@ProcessingGroup(LedgerReleases.PROCESSING_GROUP)
public class LedgerReleases {

    public static final String PROCESSING_GROUP = "refund-ledger-releases";

    private final CommandGateway commandGateway;
    private final RefundQueries queries;

    public LedgerReleases(CommandGateway commandGateway, RefundQueries queries) {
        this.commandGateway = commandGateway;
        this.queries = queries;
    }

    @EventHandler
    void on(RefundRefused event, @SequenceNumber Long sequence) {
        release(event.refundId(), event.refusedAt(), sequence);
    }

    @EventHandler
    void on(RefundCancelled event, @SequenceNumber Long sequence) {
        release(event.refundId(), event.cancelledAt(), sequence);
    }

    private void release(String refundId, Instant at, Long sequence) {
        Optional<RefundView> refund = queries.find(refundId);
        if (refund.isEmpty() || !refund.get().kind().paysMoney()) {
            return;
        }
        String orderLineId = refund.get().orderLineId();
        boolean counted = queries.ledger(orderLineId).map(ledger -> ledger.refunds().containsKey(refundId))
                .orElse(false);
        if (counted) {
            commandGateway.sendAndWait(new ReleaseRefund(orderLineId, refundId, at, sequence));
        }
    }
}
