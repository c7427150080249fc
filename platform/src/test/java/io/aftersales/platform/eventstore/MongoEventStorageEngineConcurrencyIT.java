package io.aftersales.platform.eventstore;

import static io.aftersales.platform.eventstore.TestEvents.engineOn;
import static io.aftersales.platform.eventstore.TestEvents.noted;
import static io.aftersales.platform.eventstore.TestEvents.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import com.mongodb.client.MongoDatabase;
import io.aftersales.platform.eventstore.GatedMongoEventStorageEngine.SimulatedCrash;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.messaging.Message;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Optimistic concurrency on (aggregate, sequence number) and all-or-nothing commits. */
class MongoEventStorageEngineConcurrencyIT {

    private MongoDatabase database;
    private ExecutorService writers;

    @BeforeEach
    void freshDatabase() {
        database = TestDatabases.fresh("concurrency");
        writers = Executors.newFixedThreadPool(4);
    }

    @AfterEach
    void dropDatabase() {
        writers.shutdownNow();
        database.drop();
    }

    @Test
    void two_writers_of_the_same_sequence_number_one_succeeds_and_the_other_gets_a_concurrency_exception()
            throws Exception {
        // two engines on one database: two instances of a service
        MongoEventStorageEngine first = engineOn(database).build();
        MongoEventStorageEngine second = engineOn(database).build();
        int rounds = 20;
        for (int round = 0; round < rounds; round++) {
            String aggregateId = "ticket-" + round;
            first.appendEvents(noted(aggregateId, 0));
            CyclicBarrier together = new CyclicBarrier(2);
            Future<Throwable> byFirst = writers.submit(appendTogether(first, together, aggregateId, "first"));
            Future<Throwable> bySecond = writers.submit(appendTogether(second, together, aggregateId, "second"));
            List<Throwable> outcomes = Arrays.asList(byFirst.get(10, TimeUnit.SECONDS),
                                                     bySecond.get(10, TimeUnit.SECONDS));

            assertThat(outcomes).as("round %d", round).filteredOn(outcome -> outcome == null).hasSize(1);
            assertThat(outcomes).filteredOn(outcome -> outcome != null)
                                .singleElement()
                                .isExactlyInstanceOf(ConcurrencyException.class);
            List<String> stream = first.readEvents(aggregateId).asStream()
                                       .map(event -> ((TestEvents.Noted) event.getPayload()).text())
                                       .toList();
            String winner = stream.get(1).startsWith("first") ? "first" : "second";
            assertThat(stream).as("the whole commit of one writer, nothing of the other")
                              .containsExactly(aggregateId + "#0", winner + "-1", winner + "-2", winner + "-3");
        }
        assertThat(trackAll(second)).as("tracking sees exactly the winning commits").hasSize(rounds * 4);
    }

    @Test
    void two_creators_of_the_same_aggregate_one_succeeds_and_the_other_gets_an_aggregate_stream_creation_exception()
            throws Exception {
        MongoEventStorageEngine first = engineOn(database).build();
        MongoEventStorageEngine second = engineOn(database).build();
        CyclicBarrier together = new CyclicBarrier(2);
        Future<Throwable> byFirst = writers.submit(() -> appendAfter(together, first, noted("new", 0, "first")));
        Future<Throwable> bySecond = writers.submit(() -> appendAfter(together, second, noted("new", 0, "second")));

        List<Throwable> outcomes = Arrays.asList(byFirst.get(10, TimeUnit.SECONDS), bySecond.get(10, TimeUnit.SECONDS));

        assertThat(outcomes).filteredOn(outcome -> outcome == null).hasSize(1);
        assertThat(outcomes).filteredOn(outcome -> outcome != null)
                            .singleElement()
                            .isExactlyInstanceOf(AggregateStreamCreationException.class);
        assertThat(first.readEvents("new").asStream()).hasSize(1);
    }

    @Test
    void commit_spanning_two_aggregates_is_all_or_nothing_when_one_of_them_conflicts() {
        MongoEventStorageEngine engine = engineOn(database).build();
        engine.appendEvents(noted("a", 0), noted("a", 1));

        assertThatThrownBy(() -> engine.appendEvents(noted("b", 0), noted("a", 1, "stale")))
                .as("the conflict is on a#1, not on the new aggregate b")
                .isExactlyInstanceOf(ConcurrencyException.class)
                .hasMessageContaining("[a]");

        assertThat(engine.readEvents("b").asStream()).as("nothing of the failed commit").isEmpty();
        assertThat(engine.lastSequenceNumberFor("b")).isEmpty();
        assertThat(texts(engine.readEvents("a").asStream().toList())).containsExactly("a#0", "a#1");
        assertThat(trackAll(engine)).containsExactly("a#0", "a#1");

        engine.appendEvents(noted("b", 0), noted("a", 2));
        assertThat(trackAll(engine)).containsExactly("a#0", "a#1", "b#0", "a#2");
    }

    @Test
    void writer_crashing_after_its_indexes_were_handed_out_leaves_nothing_visible() {
        GatedMongoEventStorageEngine engine = new GatedMongoEventStorageEngine(engineOn(database));
        engine.appendEvents(noted("a", 0));
        engine.crashOnCommitOf("b");

        assertThatThrownBy(() -> engine.appendEvents(noted("a", 1), noted("b", 0), noted("a", 2)))
                .isInstanceOf(SimulatedCrash.class);

        assertThat(texts(engine.readEvents("a").asStream().toList())).containsExactly("a#0");
        assertThat(engine.readEvents("b").asStream()).isEmpty();
        assertThat(trackAll(engine)).containsExactly("a#0");
        engine.appendEvents(noted("a", 1));
        assertThat(trackAll(engine)).as("the aggregate is not blocked by the crashed commit")
                                    .containsExactly("a#0", "a#1");
    }

    @Test
    void events_appended_concurrently_by_many_writers_are_all_tracked_exactly_once() throws Exception {
        int writerCount = 4;
        int commitsPerWriter = 40;
        List<MongoEventStorageEngine> engines = IntStream.range(0, writerCount)
                                                         .mapToObj(i -> engineOn(database).batchSize(7).build())
                                                         .toList();
        List<Future<?>> running = new ArrayList<>();
        for (int writer = 0; writer < writerCount; writer++) {
            MongoEventStorageEngine engine = engines.get(writer);
            String prefix = "w" + writer + "-";
            running.add(writers.submit(() -> {
                for (int commit = 0; commit < commitsPerWriter; commit++) {
                    engine.appendEvents(noted(prefix + commit, 0), noted(prefix + commit, 1));
                }
                return null;
            }));
        }
        // a tracker reading while the writers write, as a live processor does
        MongoEventStorageEngine reader = engines.get(0);
        List<String> tracked = new ArrayList<>();
        TrackingToken token = reader.createTailToken();
        int expected = writerCount * commitsPerWriter * 2;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (tracked.size() < expected && System.nanoTime() < deadline) {
            try (var events = reader.readEvents(token, false)) {
                for (TrackedEventMessage<?> event : events.toList()) {
                    tracked.add(text(event));
                    token = event.trackingToken();
                }
            }
        }
        for (Future<?> writer : running) {
            writer.get(10, TimeUnit.SECONDS);
        }

        assertThat(tracked).hasSize(expected);
        assertThat(new HashSet<>(tracked)).as("no event twice").hasSize(expected);
    }

    private static Callable<Throwable> appendTogether(EventStorageEngine engine, CyclicBarrier together,
                                                      String aggregateId, String writer) {
        return () -> appendAfter(together, engine, noted(aggregateId, 1, writer + "-1"),
                                 noted(aggregateId, 2, writer + "-2"), noted(aggregateId, 3, writer + "-3"));
    }

    private static Throwable appendAfter(CyclicBarrier together, EventStorageEngine engine,
                                         DomainEventMessage<?>... events) throws Exception {
        together.await(10, TimeUnit.SECONDS);
        try {
            engine.appendEvents(events);
            return null;
        } catch (RuntimeException e) {
            return e;
        }
    }

    private static List<String> trackAll(EventStorageEngine engine) {
        try (var events = engine.readEvents(engine.createTailToken(), false)) {
            return texts(events.toList());
        }
    }

    private static List<String> texts(List<?> messages) {
        List<String> texts = new ArrayList<>();
        for (Object message : messages) {
            texts.add(((TestEvents.Noted) ((Message<?>) message).getPayload()).text());
        }
        return texts;
    }
}
