package io.aftersales.logistics.messaging;

import io.aftersales.contracts.Topics;
import io.aftersales.contracts.tickets.v1.ResolutionAgreed;
import io.aftersales.contracts.tickets.v1.TicketOpened;
import io.aftersales.logistics.api.ClaimIds;
import io.aftersales.logistics.api.ClaimKind;
import io.aftersales.logistics.api.OpenClaim;
import io.aftersales.logistics.api.OrderReshipment;
import io.aftersales.logistics.api.ReshipmentReason;
import io.aftersales.platform.messaging.Inbox;
import io.aftersales.platform.messaging.InboundCloudEvent;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventsourcing.eventstore.EventStoreException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;

import java.util.Arrays;
import java.util.Optional;
import java.util.Set;

/**
 * ticket-service's cases that are the courier's: {@code ticket.opened} of category LOGISTICS or DAMAGED_PACKAGE opens
 * the ticket's claim (id derived from the ticket id, so a second delivery finds it and changes nothing);
 * {@code ticket.resolution-agreed} of kind RESHIP or EXCHANGE orders the replacement on the ticket's claim, once per
 * resolution number. Kind mapping: a {@code defectType} naming a claim kind (e.g. DELAYED) wins; otherwise
 * LOGISTICS is LOST and DAMAGED_PACKAGE is DAMAGED. WRONG_ITEM opens nothing: only the weigh check tells a short
 * delivery from a warehouse error, and that needs someone at the scale (a claim opened by POST /api/v1/claims).
 */
public class TicketEventListener {

    static final String CONSUMER = "logistics-service.tickets";
    static final String GROUP = "${spring.kafka.consumer.group-id}.tickets";
    private static final Logger LOG = LoggerFactory.getLogger(TicketEventListener.class);

    private final Inbox inbox;
    private final CommandGateway commandGateway;

    public TicketEventListener(Inbox inbox, CommandGateway commandGateway) {
        this.inbox = inbox;
        this.commandGateway = commandGateway;
    }

    @KafkaListener(id = CONSUMER, groupId = GROUP, topics = Topics.TICKETS)
    void on(ConsumerRecord<String, byte[]> record) {
        inbox.receive(CONSUMER, record, Set.of(TicketOpened.TYPE, ResolutionAgreed.TYPE), this::handle);
    }

    void handle(InboundCloudEvent event) {
        switch (event.type()) {
            case TicketOpened.TYPE -> opened(event.dataAs(TicketOpened.class));
            case ResolutionAgreed.TYPE -> agreed(event.dataAs(ResolutionAgreed.class), event);
            default -> {
                // other ticket events are not the courier's
            }
        }
    }

    private void opened(TicketOpened ticket) {
        Optional<ClaimKind> kind = kindOf(ticket.category(), ticket.defectType());
        if (kind.isEmpty()) {
            return;
        }
        try {
            commandGateway.sendAndWait(new OpenClaim(ClaimIds.forTicket(ticket.ticketId()), ticket.ticketId(),
                    ticket.storeId(), ticket.orderId(), ticket.sku(), ticket.quantity(), kind.get(), null, null,
                    "system", ticket.openedAt()));
        } catch (AggregateStreamCreationException | ConcurrencyException alreadyOpened) {
            LOG.debug("the claim of ticket {} is already open", ticket.ticketId());
        } catch (EventStoreException maybeAlreadyOpened) {
            if (!(maybeAlreadyOpened.getCause() instanceof ConcurrencyException)) {
                throw maybeAlreadyOpened;
            }
        }
    }

    /** The claim kind of a ticket, if it is the courier's. */
    static Optional<ClaimKind> kindOf(String category, String defectType) {
        if (!"LOGISTICS".equals(category) && !"DAMAGED_PACKAGE".equals(category)) {
            return Optional.empty();
        }
        Optional<ClaimKind> named = Arrays.stream(ClaimKind.values())
                .filter(k -> k.name().equals(defectType)).findFirst();
        return Optional.of(named.orElse("LOGISTICS".equals(category) ? ClaimKind.LOST : ClaimKind.DAMAGED));
    }

    private void agreed(ResolutionAgreed agreed, InboundCloudEvent event) {
        ReshipmentReason reason = switch (agreed.kind()) {
            case "RESHIP" -> ReshipmentReason.RESHIPMENT;
            case "EXCHANGE" -> ReshipmentReason.EXCHANGE;
            default -> null;
        };
        if (reason == null) {
            return;
        }
        try {
            commandGateway.sendAndWait(new OrderReshipment(ClaimIds.forTicket(agreed.ticketId()),
                    agreed.resolutionNumber(), reason, agreed.sku(), agreed.quantity(), "system", agreed.agreedAt()));
        } catch (AggregateNotFoundException noClaim) {
            LOG.warn("{} {} agrees {} on ticket {}, which has no courier claim; skipped (replacements of tickets "
                    + "without a claim are not handled yet)", event.type(), event.id(), agreed.kind(), agreed.ticketId());
        }
    }
}
