package io.aftersales.ticket.messaging;

import io.aftersales.contracts.Topics;
import io.aftersales.contracts.quality.v1.ProductDelisted;
import io.aftersales.contracts.quality.v1.ProductRelisted;
import io.aftersales.platform.messaging.InboundCloudEvent;
import io.aftersales.platform.messaging.Inbox;
import io.aftersales.ticket.api.ConfirmBatchDefect;
import io.aftersales.ticket.api.FindTickets;
import io.aftersales.ticket.api.TicketStatus;
import io.aftersales.ticket.query.ConfirmedBatchDefects;
import io.aftersales.ticket.query.TicketPage;
import io.aftersales.ticket.query.TicketSummary;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.kafka.annotation.KafkaListener;

/**
 * Batch-defect decisions of feedback-service reach the tickets: a delisting marks every open ticket
 * of that product and batch as a confirmed batch defect (and later intakes on it, see
 * {@link ConfirmedBatchDefects}); a relisting ends that.
 */
public class QualityEventListener {

    static final String CONSUMER = "ticket-service.quality";
    private static final int PAGE = 200;

    private final Inbox inbox;
    private final CommandGateway commandGateway;
    private final QueryGateway queryGateway;
    private final ConfirmedBatchDefects confirmedBatchDefects;

    public QualityEventListener(Inbox inbox, CommandGateway commandGateway, QueryGateway queryGateway,
                                ConfirmedBatchDefects confirmedBatchDefects) {
        this.inbox = inbox;
        this.commandGateway = commandGateway;
        this.queryGateway = queryGateway;
        this.confirmedBatchDefects = confirmedBatchDefects;
    }

    @KafkaListener(id = CONSUMER, topics = Topics.QUALITY, idIsGroup = false)
    void on(ConsumerRecord<String, byte[]> record) {
        inbox.receive(CONSUMER, record, this::handle);
    }

    private void handle(InboundCloudEvent event) {
        switch (event.type()) {
            case ProductDelisted.TYPE -> delisted(event.dataAs(ProductDelisted.class));
            case ProductRelisted.TYPE -> {
                ProductRelisted relisted = event.dataAs(ProductRelisted.class);
                confirmedBatchDefects.cleared(relisted.product(), relisted.batch(), relisted.incidentId());
            }
            default -> {
                // other quality events do not concern tickets
            }
        }
    }

    private void delisted(ProductDelisted delisted) {
        confirmedBatchDefects.confirmed(delisted.product(), delisted.batch(), delisted.incidentId(), delisted.delistedAt());
        int page = 0;
        TicketPage tickets;
        do {
            tickets = queryGateway.query(new FindTickets(null, null, TicketStatus.OPEN, delisted.product(),
                    delisted.batch(), page++, PAGE), ResponseTypes.instanceOf(TicketPage.class)).join();
            for (TicketSummary ticket : tickets.items()) {
                commandGateway.sendAndWait(new ConfirmBatchDefect(ticket.id(), delisted.incidentId(),
                        delisted.product(), delisted.batch(), "system", delisted.delistedAt()));
            }
        } while (page < tickets.page().totalPages());
    }
}
