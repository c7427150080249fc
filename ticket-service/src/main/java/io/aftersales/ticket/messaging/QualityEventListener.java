package io.aftersales.ticket.messaging;

import io.aftersales.contracts.Topics;
import io.aftersales.contracts.quality.v1.ProductDelisted;
import io.aftersales.contracts.quality.v1.ProductRelisted;
import io.aftersales.platform.messaging.InboundCloudEvent;
import io.aftersales.platform.messaging.Inbox;
import io.aftersales.ticket.api.Actors;
import io.aftersales.ticket.api.ConfirmBatchDefect;
import io.aftersales.ticket.api.FindTickets;
import io.aftersales.ticket.api.TicketRuleViolation;
import io.aftersales.ticket.query.ConfirmedBatchDefects;
import io.aftersales.ticket.query.TicketPage;
import io.aftersales.ticket.query.TicketSummary;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.queryhandling.QueryGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Batch-defect decisions of feedback-service reach the tickets: a delisting marks every open ticket
 * of that product and batch as a confirmed batch defect (and later intakes on it, see
 * {@link ConfirmedBatchDefects}); a relisting ends that.
 */
public class QualityEventListener {

    /** The listener, its inbox entries and (with the service's group id) its consumer group: {@code <service>.<purpose>}. */
    static final String CONSUMER = "ticket-service.quality";
    static final String GROUP = "${spring.kafka.consumer.group-id}.quality";
    private static final int PAGE = 200;
    private static final Duration WAIT_FOR_INTAKE = Duration.ofMillis(100);
    private static final Logger LOG = LoggerFactory.getLogger(QualityEventListener.class);

    private final Inbox inbox;
    private final CommandGateway commandGateway;
    private final QueryGateway queryGateway;
    private final ConfirmedBatchDefects confirmedBatchDefects;
    private final Clock clock;
    private final Duration intakeGrace;

    public QualityEventListener(Inbox inbox, CommandGateway commandGateway, QueryGateway queryGateway,
                                ConfirmedBatchDefects confirmedBatchDefects, Clock clock, Duration intakeGrace) {
        this.inbox = inbox;
        this.commandGateway = commandGateway;
        this.queryGateway = queryGateway;
        this.confirmedBatchDefects = confirmedBatchDefects;
        this.clock = clock;
        this.intakeGrace = intakeGrace;
    }

    @KafkaListener(id = CONSUMER, groupId = GROUP, topics = Topics.QUALITY)
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

    /**
     * Records the delisting first, then marks every ticket intake started on the batch (read from
     * the intakes intake writes synchronously, not only from the lagging ticket list): see
     * {@link ConfirmedBatchDefects} for why intake and this method cannot both miss each other.
     * Tickets opened before intakes were recorded come from the ticket list as before.
     */
    public void delisted(ProductDelisted delisted) {
        confirmedBatchDefects.confirmed(delisted.product(), delisted.batch(), delisted.incidentId(), delisted.delistedAt());
        Map<String, Instant> tickets = new LinkedHashMap<>();
        for (ConfirmedBatchDefects.Intake intake : confirmedBatchDefects.intakesOn(delisted.product(), delisted.batch())) {
            tickets.put(intake.ticketId(), intake.startedAt());
        }
        int page = 0;
        TicketPage listed;
        do {
            listed = queryGateway.query(FindTickets.openOn(delisted.product(), delisted.batch(), page++, PAGE), ResponseTypes.instanceOf(TicketPage.class)).join();
            for (TicketSummary ticket : listed.items()) {
                tickets.putIfAbsent(ticket.id(), null);
            }
        } while (page < listed.page().totalPages());
        tickets.forEach((ticketId, intakeStartedAt) -> confirm(ticketId, intakeStartedAt, delisted));
    }

    /**
     * Marks one ticket. An intake whose ticket is not in the event store yet is still committing
     * (it looked for the delisting before it was recorded): wait for it, up to {@code intakeGrace}
     * after the intake started; an intake older than that never saved its ticket.
     */
    private void confirm(String ticketId, Instant intakeStartedAt, ProductDelisted delisted) {
        ConfirmBatchDefect command = new ConfirmBatchDefect(ticketId, delisted.incidentId(), delisted.product(),
                delisted.batch(), Actors.SYSTEM, delisted.delistedAt());
        while (true) {
            try {
                commandGateway.sendAndWait(command);
                return;
            } catch (AggregateNotFoundException notYet) {
                if (intakeStartedAt == null || clock.instant().isAfter(intakeStartedAt.plus(intakeGrace))) {
                    LOG.warn("ticket {} of an intake on {} batch {} was never saved; not marked", ticketId,
                            delisted.product(), delisted.batch());
                    return;
                }
                pause();
            } catch (TicketRuleViolation otherBatch) {
                // an idempotency key reused for a ticket on another batch: that ticket is not on this one
                LOG.warn("ticket {} is not on {} batch {}: {}", ticketId, delisted.product(), delisted.batch(),
                        otherBatch.getMessage());
                return;
            }
        }
    }

    private static void pause() {
        try {
            Thread.sleep(WAIT_FOR_INTAKE.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for an intake to commit", e);
        }
    }
}
