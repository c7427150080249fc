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
import io.aftersales.ticket.api.CompensationLine;
import io.aftersales.ticket.api.CompensationLineType;
import io.aftersales.ticket.api.DownstreamPart;
import io.aftersales.ticket.api.DownstreamProgressRecorded;
import io.aftersales.ticket.api.PolicyDecision;
import io.aftersales.ticket.api.PolicyFinding;
import io.aftersales.ticket.api.PolicyOutcome;
import io.aftersales.ticket.api.Proposal;
import io.aftersales.ticket.api.ResolutionKind;
import io.aftersales.ticket.api.ResolutionProposed;
import io.aftersales.ticket.api.TicketAssigned;
import io.aftersales.ticket.api.TicketStatus;
import io.aftersales.ticket.api.VerificationStep;
import io.aftersales.ticket.api.VerificationStepReached;
import io.aftersales.ticket.api.Category;
import io.aftersales.ticket.api.FindTicket;
import io.aftersales.ticket.api.FindTicketHistory;
import io.aftersales.ticket.query.HistoryEntry;
import io.aftersales.ticket.query.TicketQueries;
import io.aftersales.ticket.query.TicketView;
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

            // what agents read is folded from the events, never from the snapshot the store now starts with
            TicketQueries queries = new TicketQueries(eventStore);
            assertThat(queries.handle(new FindTicket(TICKET))).as("the ticket after its snapshot").get()
                    .extracting(TicketView::version, view -> view.batchDefect().incidentId()).containsExactly(2L, "incident-2");
            assertThat(queries.handle(new FindTicketHistory(TICKET))).extracting(HistoryEntry::event)
                    .containsExactly("TicketOpened", "BatchDefectConfirmed", "BatchDefectConfirmed");
        } finally {
            eventStore.shutDown();
        }
    }

    @Test
    void a_ticket_mid_resolution_reads_back_from_its_snapshot_with_its_proposal_and_reported_parts() {
        JacksonSerializer serializer = JacksonSerializer.builder()
                .objectMapper(new ObjectMapper().findAndRegisterModules()).build();
        MongoEventStorageEngine engine = MongoEventStorageEngine.builder().mongoDatabase(database)
                .eventSerializer(serializer).snapshotSerializer(serializer).build();
        EmbeddedEventStore eventStore = EmbeddedEventStore.builder().storageEngine(engine).build();
        Money cny20 = new Money(new BigDecimal("20.00"), "CNY");
        Money zero = new Money(new BigDecimal("0.00"), "CNY");
        try {
            eventStore.publish(event(0, new TicketOpened(TICKET, "tmall-flagship", Platform.TMALL, "order-1001", "RF-889",
                    "buyer-42", true, "JK2611-RED-M", "JK2611", "B2026-11-A", 1,
                    new Money(new BigDecimal("259.00"), "CNY"), Instant.parse("2026-11-20T09:00:00Z"),
                    Category.QUALITY, "COLOUR_FADING", Responsibility.SELLER, "colour runs", List.of(), "chat",
                    "agent-7", NOW)));
            eventStore.publish(event(1, new TicketAssigned(TICKET, "tmall-flagship", "agent-7", null, true, "agent-7", NOW)));
            eventStore.publish(event(2, new VerificationStepReached(TICKET, VerificationStep.NEGOTIATING, "worn",
                    "agent-7", NOW)));
            eventStore.publish(event(3, new DownstreamProgressRecorded(TICKET, 1, DownstreamPart.CLAIM_OPENED,
                    "claim-1", NOW)));
            eventStore.publish(event(4, new ResolutionProposed(TICKET, "tmall-flagship", 1,
                    new Proposal(ResolutionKind.PARTIAL_REFUND, List.of(new CompensationLine(CompensationLineType.GOODWILL,
                            cny20, "stain")), null, null, null),
                    new PolicyDecision(PolicyOutcome.NEEDS_SUPERVISOR, List.of(new PolicyFinding("goodwill-cap",
                            PolicyOutcome.NEEDS_SUPERVISOR, cny20, "above 20.00")), Responsibility.SELLER, cny20, zero),
                    "agent-7", NOW)));

            AggregateSnapshotter snapshotter = AggregateSnapshotter.builder().eventStore(eventStore)
                    .aggregateFactories(new GenericAggregateFactory<>(Ticket.class)).executor(Runnable::run).build();
            snapshotter.scheduleSnapshot(Ticket.class, TICKET);

            Ticket restored = (Ticket) engine.readSnapshot(TICKET).orElseThrow().getPayload();
            assertThat(restored).extracting("status", "assignee", "verification", "proposals")
                                .containsExactly(TicketStatus.WAITING_APPROVAL, "agent-7", VerificationStep.NEGOTIATING, 1);
            assertThat(restored).extracting("pending.number", "pending.proposedBy", "pending.decision.outcome")
                                .containsExactly(1, "agent-7", PolicyOutcome.NEEDS_SUPERVISOR);
            assertThat(restored).extracting("doneParts").asString().contains("CLAIM_OPENED");
            assertThat(restored).extracting("paidAmount.amount").isEqualTo(new BigDecimal("259.00"));
        } finally {
            eventStore.shutDown();
        }
    }

    private static DomainEventMessage<?> event(long sequenceNumber, Object payload) {
        return new GenericDomainEventMessage<>("Ticket", TICKET, sequenceNumber, payload);
    }
}
