package io.aftersales.feedback.messaging;

import io.aftersales.contracts.Topics;
import io.aftersales.contracts.claims.v1.WrongShipmentRegistered;
import io.aftersales.feedback.api.DelistForStockCorrection;
import io.aftersales.platform.messaging.Inbox;
import io.aftersales.platform.messaging.MalformedMessageException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.kafka.annotation.KafkaListener;

import java.time.Clock;
import java.util.Set;

/**
 * logistics-service's wrong-shipment register (发错货登记): each entry takes the SKU sent off sale in its store for
 * stock correction, once per entry (by claim id, and by {@code ce_id} through the inbox). Other claim events are
 * skipped without an inbox entry.
 */
public class WrongShipmentListener {

    static final String CONSUMER = "feedback-service.wrong-shipments";
    static final String GROUP = "${spring.kafka.consumer.group-id}.wrong-shipments";

    private final Inbox inbox;
    private final CommandGateway commandGateway;
    private final Clock clock;

    public WrongShipmentListener(Inbox inbox, CommandGateway commandGateway, Clock clock) {
        this.inbox = inbox;
        this.commandGateway = commandGateway;
        this.clock = clock;
    }

    @KafkaListener(id = CONSUMER, groupId = GROUP, topics = Topics.CLAIMS)
    public void on(ConsumerRecord<String, byte[]> record) {
        inbox.receive(CONSUMER, record, Set.of(WrongShipmentRegistered.TYPE),
                event -> delist(event.dataAs(WrongShipmentRegistered.class)));
    }

    void delist(WrongShipmentRegistered entry) {
        for (String[] field : new String[][]{{entry.claimId(), "claimId"}, {entry.storeId(), "storeId"},
                {entry.skuSent(), "skuSent"}}) {
            if (field[0] == null || field[0].isBlank()) {
                throw new MalformedMessageException("WrongShipmentRegistered without " + field[1]);
            }
        }
        commandGateway.sendAndWait(new DelistForStockCorrection("stock-correction-" + entry.claimId(), entry.claimId(),
                entry.storeId(), entry.orderId(), entry.skuSent().strip(), entry.skuExpected(), entry.quantity(),
                entry.warehouse(), entry.registeredAt(), clock.instant()));
    }
}
