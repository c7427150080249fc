package io.aftersales.ticket.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import io.aftersales.platform.eventstore.MongoEventStorageEngine;
import io.aftersales.testing.TestInfrastructure;
import io.aftersales.ticket.api.BatchDefectConfirmed;
import io.aftersales.ticket.api.Category;
import io.aftersales.ticket.api.Money;
import io.aftersales.ticket.api.Platform;
import io.aftersales.ticket.api.Responsibility;
import io.aftersales.ticket.api.TicketOpened;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.AggregateSnapshotter;
import org.axonframework.eventsourcing.GenericAggregateFactory;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A ticket's snapshot round-trips: Axon's snapshotter builds it from the events in the real
 * event store, the store serializes it with Jackson (as the service configures Axon), and it
 * reads back as a ticket in the same state.
 */
class TicketSnapshotIT {

    private static final String TICKET = "T-snapshot-1";
    private static final Instant NOW = Instant.parse("2026-11-21T10:00:00Z");

    private final MongoClient client = MongoClients.create(TestInfrastructure.mongoUri());
    private final MongoDatabase database = client.getDatabase("ticket_snapshot_it");

    @AfterEach
    void drop() {
        database.drop();
        client.close();
    }

    @Test
    void ticket_snapshot_is_stored_by_the_snapshotter_and_reads_back_in_the_same_state() {
        JacksonSerializer serializer = JacksonSerializer.builder()
                .objectMapper(new ObjectMapper().findAndRegisterModules()).build();
        MongoEventStorageEngine engine = MongoEventStorageEngine.builder().mongoDatabase(database)
                .eventSerializer(serializer).snapshotSerializer(serializer).build();
        EmbeddedEventStore eventStore = EmbeddedEventStore.builder().storageEngine(engine).build();
        try {
            eventStore.publish(event(0, new TicketOpened(TICKET, "tmall-flagship", Platform.TMALL, "order-1001", "RF-889",
                    "buyer-42", true, "JK2611-RED-M", "JK2611", "B2026-11-A", 1,
                    new Money(new BigDecimal("259.00"), "CNY"), Instant.parse("2026-11-20T09:00:00Z"),
                    Category.QUALITY, "COLOUR_FADING", Responsibility.SELLER, "colour runs", List.of(), "chat",
                    "agent-7", NOW)));
            eventStore.publish(event(1, new BatchDefectConfirmed(TICKET, "incident-1", "JK2611", "B2026-11-A",
                    "system", NOW)));
            eventStore.publish(event(2, new BatchDefectConfirmed(TICKET, "incident-2", "JK2611", "B2026-11-A",
                    "system", NOW)));

            AggregateSnapshotter snapshotter = AggregateSnapshotter.builder().eventStore(eventStore)
                    .aggregateFactories(new GenericAggregateFactory<>(Ticket.class)).executor(Runnable::run).build();
            snapshotter.scheduleSnapshot(Ticket.class, TICKET);

            Optional<DomainEventMessage<?>> snapshot = engine.readSnapshot(TICKET);
            assertThat(snapshot).as("a snapshot was stored").isPresent();
            assertThat(snapshot.get().getSequenceNumber()).isEqualTo(2);
            Ticket restored = (Ticket) snapshot.get().getPayload();
            assertThat(restored).extracting("ticketId", "product", "batch")
                                .containsExactly(TICKET, "JK2611", "B2026-11-A");
            assertThat(restored).extracting("confirmedIncidents").asInstanceOf(
                    org.assertj.core.api.InstanceOfAssertFactories.ITERABLE)
                                .containsExactlyInAnyOrder("incident-1", "incident-2");
            assertThat(eventStore.readEvents(TICKET).asStream().map(DomainEventMessage::getPayloadType).toList())
                    .as("loading the ticket starts from the snapshot").containsExactly((Class) Ticket.class);
        } finally {
            eventStore.shutDown();
        }
    }

    private static DomainEventMessage<?> event(long sequenceNumber, Object payload) {
        return new GenericDomainEventMessage<>("Ticket", TICKET, sequenceNumber, payload);
    }
}
