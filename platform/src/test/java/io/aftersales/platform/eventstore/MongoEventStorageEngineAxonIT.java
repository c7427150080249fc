package io.aftersales.platform.eventstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoDatabase;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventMessageHandler;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventsourcing.AggregateSnapshotter;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.eventsourcing.EventSourcingRepository;
import org.axonframework.eventsourcing.GenericAggregateFactory;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.modelling.command.AggregateAnnotationCommandHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The engine under Axon's own machinery: command handling on an event-sourced aggregate through
 * {@link EventSourcingRepository} and {@link EmbeddedEventStore}, snapshots, a tracking
 * processor, and two service instances ("nodes") sharing one database.
 */
class MongoEventStorageEngineAxonIT {

    private MongoDatabase database;
    private final List<Node> nodes = new ArrayList<>();
    private ExecutorService callers;

    @BeforeEach
    void freshDatabase() {
        database = TestDatabases.fresh("axon");
        callers = Executors.newFixedThreadPool(2);
    }

    @AfterEach
    void stopNodes() {
        Counter.incrementsMeet = null;
        callers.shutdownNow();
        nodes.forEach(Node::stop);
        database.drop();
    }

    @Test
    void commands_are_event_sourced_snapshotted_and_tracked_through_axon() {
        Node first = startNode();
        first.gateway.sendAndWait(new CreateCounter("c1"));
        long value = 0;
        for (int i = 0; i < 12; i++) {
            value = first.gateway.<Long>sendAndWait(new IncrementCounter("c1"));
        }
        assertThat(value).isEqualTo(12);
        DomainEventMessage<?> snapshot = first.engine.readSnapshot("c1").orElseThrow();
        assertThat(snapshot.getPayload()).isInstanceOf(Counter.class);

        // another instance, nothing cached: loads from the snapshot plus the events after it
        Node second = startNode();
        assertThat(second.gateway.<Long>sendAndWait(new IncrementCounter("c1"))).isEqualTo(13);

        List<Object> handled = new CopyOnWriteArrayList<>();
        second.track(event -> handled.add(event.getPayload()));
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(handled).hasSize(14));
        assertThat(handled.get(0)).isEqualTo(new CounterCreated("c1"));
        assertThat(handled.subList(1, 14)).extracting(event -> ((CounterIncremented) event).value())
                                          .containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L, 11L, 12L, 13L);
    }

    @Test
    void two_nodes_handling_a_command_on_one_aggregate_at_once_one_fails_with_a_concurrency_exception()
            throws Exception {
        Node first = startNode();
        Node second = startNode();
        first.gateway.sendAndWait(new CreateCounter("c2"));
        // both nodes load version 0 and decide before either commits
        Counter.incrementsMeet = new CyclicBarrier(2);

        Future<Object> byFirst = callers.submit(() -> outcome(first, new IncrementCounter("c2")));
        Future<Object> bySecond = callers.submit(() -> outcome(second, new IncrementCounter("c2")));
        List<Object> outcomes = List.of(byFirst.get(20, TimeUnit.SECONDS), bySecond.get(20, TimeUnit.SECONDS));
        Counter.incrementsMeet = null;

        assertThat(outcomes).containsOnlyOnce(1L);
        assertThat(outcomes).filteredOn(Throwable.class::isInstance)
                            .singleElement()
                            .isInstanceOf(ConcurrencyException.class);
        assertThat(first.engine.readEvents("c2").asStream()).hasSize(2);
        assertThat(second.gateway.<Long>sendAndWait(new IncrementCounter("c2"))).isEqualTo(2);
    }

    private static Object outcome(Node node, Object command) {
        try {
            return node.gateway.sendAndWait(command);
        } catch (RuntimeException e) {
            return e;
        }
    }

    private Node startNode() {
        Node node = new Node(database);
        nodes.add(node);
        return node;
    }

    /** One service instance: its own engine, event store, repository and command bus. */
    private static final class Node {

        private static final Serializer SERIALIZER = JacksonSerializer.builder().objectMapper(
                new ObjectMapper().setVisibility(PropertyAccessor.FIELD, Visibility.ANY)).build();

        private final MongoEventStorageEngine engine;
        private final EmbeddedEventStore eventStore;
        private final CommandGateway gateway;
        private TrackingEventProcessor processor;

        Node(MongoDatabase database) {
            engine = MongoEventStorageEngine.builder()
                                            .mongoDatabase(database)
                                            .eventSerializer(SERIALIZER)
                                            .snapshotSerializer(SERIALIZER)
                                            .batchSize(4)
                                            .build();
            eventStore = EmbeddedEventStore.builder().storageEngine(engine).build();
            AggregateSnapshotter snapshotter = AggregateSnapshotter.builder()
                                                                   .eventStore(eventStore)
                                                                   .aggregateFactories(new GenericAggregateFactory<>(
                                                                           Counter.class))
                                                                   .build();
            EventSourcingRepository<Counter> repository =
                    EventSourcingRepository.builder(Counter.class)
                                           .eventStore(eventStore)
                                           .snapshotTriggerDefinition(
                                                   new EventCountSnapshotTriggerDefinition(snapshotter, 5))
                                           .build();
            SimpleCommandBus commandBus = SimpleCommandBus.builder().build();
            AggregateAnnotationCommandHandler.<Counter>builder()
                                             .aggregateType(Counter.class)
                                             .repository(repository)
                                             .build()
                                             .subscribe(commandBus);
            gateway = DefaultCommandGateway.builder().commandBus(commandBus).build();
        }

        void track(Consumer<EventMessage<?>> handler) {
            EventMessageHandler invoker = event -> {
                handler.accept(event);
                return null;
            };
            processor = TestProcessors.tracking("counter-projection", eventStore, invoker);
            processor.start();
        }

        void stop() {
            if (processor != null) {
                processor.shutDown();
            }
            eventStore.shutDown();
        }
    }

    record CreateCounter(@TargetAggregateIdentifier String counterId) {
    }

    record IncrementCounter(@TargetAggregateIdentifier String counterId) {
    }

    record CounterCreated(String counterId) {
    }

    record CounterIncremented(String counterId, long value) {
    }

    /** A test aggregate; platform holds no domain. */
    static class Counter {

        /** When set, each increment waits here for another one, after loading and before committing. */
        static volatile CyclicBarrier incrementsMeet;

        @AggregateIdentifier
        private String counterId;
        private long value;

        Counter() {
        }

        @CommandHandler
        Counter(CreateCounter command) {
            apply(new CounterCreated(command.counterId()));
        }

        @CommandHandler
        long handle(IncrementCounter command) throws Exception {
            CyclicBarrier meet = incrementsMeet;
            if (meet != null) {
                meet.await(10, TimeUnit.SECONDS);
            }
            apply(new CounterIncremented(counterId, value + 1));
            return value;
        }

        @EventSourcingHandler
        void on(CounterCreated event) {
            counterId = event.counterId();
        }

        @EventSourcingHandler
        void on(CounterIncremented event) {
            value = event.value();
        }
    }
}
