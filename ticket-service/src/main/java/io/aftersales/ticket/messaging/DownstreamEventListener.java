package io.aftersales.ticket.messaging;

import io.aftersales.contracts.Topics;
import io.aftersales.contracts.claims.v1.ClaimOpened;
import io.aftersales.contracts.claims.v1.ReshipmentShipped;
import io.aftersales.contracts.refunds.v1.GoodsReceived;
import io.aftersales.contracts.refunds.v1.RefundPaid;
import io.aftersales.platform.messaging.InboundCloudEvent;
import io.aftersales.platform.messaging.Inbox;
import io.aftersales.ticket.api.DownstreamPart;
import io.aftersales.ticket.api.RecordDownstreamProgress;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;

/**
 * refund-service and logistics-service report the parts of an agreed resolution they carried out:
 * each becomes {@link RecordDownstreamProgress} on the ticket, idempotent by ticket, part and the
 * other side's id (refund id, claim id), so a redelivery that slipped past the inbox changes
 * nothing. Events of no ticket, other types and unknown tickets are skipped.
 */
public class DownstreamEventListener {

    /** The listener, its inbox entries and (with the service's group id) its consumer group: {@code <service>.<purpose>}. */
    static final String CONSUMER = "ticket-service.downstream";
    static final String GROUP = "${spring.kafka.consumer.group-id}.downstream";
    private static final Logger LOG = LoggerFactory.getLogger(DownstreamEventListener.class);

    private final Inbox inbox;
    private final CommandGateway commandGateway;

    public DownstreamEventListener(Inbox inbox, CommandGateway commandGateway) {
        this.inbox = inbox;
        this.commandGateway = commandGateway;
    }

    @KafkaListener(id = CONSUMER, groupId = GROUP, topics = {Topics.REFUNDS, Topics.CLAIMS})
    void on(ConsumerRecord<String, byte[]> record) {
        inbox.receive(CONSUMER, record, this::handle);
    }

    void handle(InboundCloudEvent event) {
        switch (event.type()) {
            case RefundPaid.TYPE -> {
                RefundPaid paid = event.dataAs(RefundPaid.class);
                record(paid.ticketId(), paid.resolutionNumber(), DownstreamPart.REFUND_PAID, paid.refundId(),
                        paid.paidAt(), event);
            }
            case GoodsReceived.TYPE -> {
                GoodsReceived received = event.dataAs(GoodsReceived.class);
                record(received.ticketId(), received.resolutionNumber(), DownstreamPart.RETURN_RECEIVED,
                        received.refundId(), received.receivedAt(), event);
            }
            case ClaimOpened.TYPE -> {
                ClaimOpened opened = event.dataAs(ClaimOpened.class);
                record(opened.ticketId(), null, DownstreamPart.CLAIM_OPENED, opened.claimId(), opened.openedAt(), event);
            }
            case ReshipmentShipped.TYPE -> {
                ReshipmentShipped shipped = event.dataAs(ReshipmentShipped.class);
                record(shipped.ticketId(), shipped.resolutionNumber(), DownstreamPart.REPLACEMENT_SHIPPED,
                        shipped.claimId(), shipped.shippedAt(), event);
            }
            default -> {
                // other refund and claim events do not move a ticket (yet)
            }
        }
    }

    private void record(String ticketId, Integer resolutionNumber, DownstreamPart part, String reference,
                        java.time.Instant happenedAt, InboundCloudEvent event) {
        if (ticketId == null || ticketId.isBlank()) {
            return;
        }
        try {
            commandGateway.sendAndWait(new RecordDownstreamProgress(ticketId, resolutionNumber, part, reference, happenedAt));
        } catch (AggregateNotFoundException unknown) {
            LOG.warn("{} {} ({} {}) names ticket {}, which does not exist; skipped", event.type(), event.id(), part,
                    reference, ticketId);
        }
    }
}
