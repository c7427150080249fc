package io.aftersales.refund.messaging;

import io.aftersales.refund.api.RefundApproved;
import io.aftersales.refund.api.RequestPayout;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.Timestamp;

import java.time.Clock;

/**
 * Asks the platform to pay each approved refund: {@link RefundApproved} becomes {@link RequestPayout}
 * (the refund asks its {@code RefundPayouts} port once, with the refund id as idempotency key). Its
 * own tracking processor ({@value #PROCESSING_GROUP}) whose errors propagate: when the platform is
 * down or times out, the refund records nothing, the processor keeps its token and retries the
 * event with Axon's back-off (1 s doubling to 60 s) until the platform answers. A refund already
 * asked (a replay, a second instance) asks nothing more.
 */
@ProcessingGroup(PayoutRequests.PROCESSING_GROUP)
public class PayoutRequests {

    public static final String PROCESSING_GROUP = "refund-payouts";

    private final CommandGateway commandGateway;
    private final Clock clock;

    public PayoutRequests(CommandGateway commandGateway, Clock clock) {
        this.commandGateway = commandGateway;
        this.clock = clock;
    }

    @EventHandler
    void on(RefundApproved event, @Timestamp java.time.Instant approvedAt) {
        commandGateway.sendAndWait(new RequestPayout(event.refundId(), clock.instant()));
    }
}
