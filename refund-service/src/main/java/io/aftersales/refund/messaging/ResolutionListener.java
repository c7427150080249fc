package io.aftersales.refund.messaging;

import io.aftersales.contracts.Topics;
import io.aftersales.contracts.quality.v1.ProductDelisted;
import io.aftersales.contracts.tickets.v1.CompensationLine;
import io.aftersales.contracts.tickets.v1.ResolutionAgreed;
import io.aftersales.platform.messaging.InboundCloudEvent;
import io.aftersales.platform.messaging.Inbox;
import io.aftersales.refund.api.FastTrackRefund;
import io.aftersales.refund.api.Money;
import io.aftersales.refund.api.OpenRefund;
import io.aftersales.refund.api.OrderItem;
import io.aftersales.refund.api.Platform;
import io.aftersales.refund.api.RefundKind;
import io.aftersales.refund.api.RefundLine;
import io.aftersales.refund.api.RefundLineType;
import io.aftersales.refund.api.RefundOrigin;
import io.aftersales.refund.api.Responsibility;
import io.aftersales.refund.api.StoreRefundPolicy;
import io.aftersales.refund.query.RefundSummaryProjection;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * The ticket's agreed resolution opens the refund that carries it out, and QA's delisting fast-tracks
 * the refunds of that product batch still waiting. {@code resolution-agreed} with money to the buyer
 * or goods coming back becomes {@link OpenRefund} under the id its business key (ticket +
 * resolution number) gives, so a redelivery or a second event with the same key meets the refund
 * already opened and changes nothing. Kinds: RETURN_AND_REFUND and EXCHANGE as such, REFUND_ONLY and
 * PARTIAL_REFUND as REFUND_ONLY, any other kind that pays money (RESHIP, REPAIR with compensation) as
 * REFUND_ONLY of its money; DECLINE and kinds without money or return are skipped.
 */
public class ResolutionListener {

    static final String CONSUMER = "refund-service.resolutions";
    /** The types that move a refund; the topics' other events are passed over without an inbox write. */
    private static final Set<String> ACTED_ON = Set.of(ResolutionAgreed.TYPE, ProductDelisted.TYPE);
    static final String GROUP = "${spring.kafka.consumer.group-id}.resolutions";
    private static final Logger LOG = LoggerFactory.getLogger(ResolutionListener.class);
    private static final Set<String> LINE_TYPES = Set.of("GOODS", "RETURN_SHIPPING", "PRICE_DIFFERENCE", "GOODWILL");

    private final Inbox inbox;
    private final CommandGateway commandGateway;
    private final Function<String, StoreRefundPolicy> policies;
    private final RefundSummaryProjection summaries;

    public ResolutionListener(Inbox inbox, CommandGateway commandGateway, Function<String, StoreRefundPolicy> policies,
                              RefundSummaryProjection summaries) {
        this.inbox = inbox;
        this.commandGateway = commandGateway;
        this.policies = policies;
        this.summaries = summaries;
    }

    @KafkaListener(id = CONSUMER, groupId = GROUP, topics = {Topics.TICKETS, Topics.QUALITY})
    void on(ConsumerRecord<String, byte[]> record) {
        inbox.receive(CONSUMER, record, ACTED_ON, this::handle);
    }

    void handle(InboundCloudEvent event) {
        switch (event.type()) {
            case ResolutionAgreed.TYPE -> open(event.dataAs(ResolutionAgreed.class));
            case ProductDelisted.TYPE -> fastTrack(event.dataAs(ProductDelisted.class));
            default -> {
                // other ticket and quality events do not move a refund
            }
        }
    }

    void open(ResolutionAgreed agreed) {
        OpenRefund command = toCommand(agreed);
        if (command == null) {
            return;
        }
        try {
            commandGateway.sendAndWait(command);
        } catch (AggregateStreamCreationException | ConcurrencyException alreadyOpened) {
            // the same ticket and resolution again: the refund opened the first time stands
            LOG.debug("refund {} for ticket {} resolution {} is already open", command.refundId(), agreed.ticketId(),
                    agreed.resolutionNumber());
        }
    }

    /** The command for an agreed resolution, or null when it asks nothing of refund-service. */
    OpenRefund toCommand(ResolutionAgreed agreed) {
        String currency = agreed.paidAmount().currency();
        List<RefundLine> lines = new ArrayList<>();
        for (CompensationLine line : agreed.lines() == null ? List.<CompensationLine>of() : agreed.lines()) {
            BigDecimal amount = new BigDecimal(line.amount().amount());
            if (LINE_TYPES.contains(line.type()) && amount.signum() > 0) {
                lines.add(new RefundLine(RefundLineType.valueOf(line.type()), new Money(amount, line.amount().currency())));
            }
        }
        boolean paysMoney = !lines.isEmpty() && lines.stream().anyMatch(l -> l.type().againstOrderLine());
        RefundKind kind = switch (agreed.kind()) {
            case "RETURN_AND_REFUND" -> paysMoney ? RefundKind.RETURN_AND_REFUND : null;
            case "EXCHANGE" -> RefundKind.EXCHANGE;
            case "DECLINE" -> null;
            default -> paysMoney ? RefundKind.REFUND_ONLY : null;
        };
        if (kind == null) {
            return null;
        }
        if (kind == RefundKind.EXCHANGE) {
            lines.clear();
        }
        RefundOrigin origin = RefundOrigin.ticketResolution(agreed.ticketId(), agreed.resolutionNumber());
        String product = agreed.styleCode() != null ? agreed.styleCode() : agreed.sku();
        return new OpenRefund(origin.refundId(), origin, kind, agreed.storeId(), agreed.orderId(),
                agreed.orderId() + "/" + agreed.sku(), agreed.buyerId(),
                new Money(new BigDecimal(agreed.paidAmount().amount()), currency), lines,
                agreed.responsibility() == null ? null : Responsibility.valueOf(agreed.responsibility()),
                agreed.batchDefectFastTrack() ? "ticket:" + agreed.ticketId() : null,
                policies.apply(agreed.storeId()), agreed.agreedBy(), agreed.agreedAt(),
                new OrderItem(Platform.valueOf(agreed.platform()), agreed.sku(), product, agreed.batch()));
    }

    /**
     * The refunds of the delisted product batch still waiting: fast-tracked (the refund decides:
     * idempotent, and only a refund that pays money and is not finished changes). A ticket already
     * on a confirmed batch defect would carry it in {@code batchDefectFastTrack}, which the contract's
     * resolution has no incident id for: such refunds are fast-tracked by this delisting.
     */
    void fastTrack(ProductDelisted delisted) {
        if (delisted.batch() == null) {
            return;
        }
        for (String refundId : summaries.waitingOn(delisted.product(), delisted.batch())) {
            commandGateway.sendAndWait(new FastTrackRefund(refundId, delisted.incidentId(), delisted.delistedAt()));
        }
    }
}
