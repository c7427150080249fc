package io.aftersales.platform.eventstore;

import static io.aftersales.platform.eventstore.TestEvents.engineOn;
import static io.aftersales.platform.eventstore.TestEvents.noted;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.messaging.Message;
import org.axonframework.modelling.command.ConcurrencyException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The engine's fast paths (ADR 0171-0173): concurrent appends written as one group, tracking by
 * global-index look-ups, aggregate reads in growing key steps, the last sequence number by
 * look-ups. Each test breaks when its guarantee is taken out.
 */
class MongoEventStorageEngineGroupCommitIT {

    private MongoDatabase database;
    private ExecutorService writers;

    @BeforeEach
    void freshDatabase() {
        database = TestDatabases.fresh("group");
        writers = Executors.newFixedThreadPool(4);
    }

    @AfterEach
    void dropDatabase() {
        writers.shutdownNow();
        database.drop();
    }

    @Test
    void a_conflicting_caller_in_a_group_gets_its_concurrency_exception_while_the_others_are_stored()
            throws Exception {
        GatedMongoEventStorageEngine engine = new GatedMongoEventStorageEngine(engineOn(database));
        engine.appendEvents(noted("x", 0), noted("x", 1));
        GatedMongoEventStorageEngine.Gate leader = engine.holdNextGroup();

        Future<Throwable> first = writers.submit(() -> outcome(engine, noted("a", 0)));
        leader.awaitIndexesHandedOut();
        Future<Throwable> stale = writers.submit(() -> outcome(engine, noted("x", 1, "stale")));
        Future<Throwable> other = writers.submit(() -> outcome(engine, noted("b", 0)));
        await().atMost(Duration.ofSeconds(10)).until(() -> engine.queuedCommits() == 3);
        leader.release();

        assertThat(first.get(10, TimeUnit.SECONDS)).isNull();
        assertThat(other.get(10, TimeUnit.SECONDS)).isNull();
        assertThat(stale.get(10, TimeUnit.SECONDS)).isExactlyInstanceOf(ConcurrencyException.class)
                                                   .hasMessageContaining("[x]");
        assertThat(engine.groupSizes()).as("one insert for the three callers").containsExactly(1, 3);
        assertThat(texts(engine.readEvents("x").asStream().toList())).containsExactly("x#0", "x#1");
        assertThat(texts(trackAll(engine))).containsExactlyInAnyOrder("x#0", "x#1", "a#0", "b#0");
    }

    @Test
    void commits_of_a_group_whose_global_indexes_were_taken_are_allocated_again_and_stored() throws Exception {
        GatedMongoEventStorageEngine engine = new GatedMongoEventStorageEngine(engineOn(database));
        engine.appendEvents(noted("x", 0));
        engine.appendEvents(noted("y", 0));
        // the counter document restored from an old backup: it hands out 1 and 2 again
        database.getCollection(MongoEventStorageEngine.DEFAULT_COUNTER_COLLECTION)
                .updateOne(Filters.eq("_id", MongoEventStorageEngine.DEFAULT_DOMAIN_EVENT_COLLECTION),
                           Updates.set("value", 0L));
        GatedMongoEventStorageEngine.Gate leader = engine.holdNextGroup();

        Future<Throwable> first = writers.submit(() -> outcome(engine, noted("a", 0)));
        leader.awaitIndexesHandedOut();
        Future<Throwable> second = writers.submit(() -> outcome(engine, noted("b", 0)));
        Future<Throwable> third = writers.submit(() -> outcome(engine, noted("c", 0)));
        await().atMost(Duration.ofSeconds(10)).until(() -> engine.queuedCommits() == 3);
        leader.release();

        assertThat(first.get(10, TimeUnit.SECONDS)).isNull();
        assertThat(second.get(10, TimeUnit.SECONDS)).isNull();
        assertThat(third.get(10, TimeUnit.SECONDS)).isNull();
        assertThat(engine.groupSizes()).as("the group, then the retry of the two whose indexes were taken")
                                       .containsExactly(1, 1, 3, 2);
        List<? extends TrackedEventMessage<?>> tracked = trackAll(engine);
        assertThat(texts(tracked)).containsExactlyInAnyOrder("x#0", "y#0", "a#0", "b#0", "c#0");
        assertThat(new HashSet<>(tracked.stream().map(TrackedEventMessage::trackingToken).toList())).hasSize(5);
    }

    @Test
    void tracking_delivers_the_events_after_a_run_of_abandoned_indexes_longer_than_the_batch() {
        MongoEventStorageEngine engine = engineOn(database).batchSize(10).build();
        engine.appendEvents(noted("before", 0));
        // 35 indexes handed out to appends that never stored anything (crashed or conflicting)
        database.getCollection(MongoEventStorageEngine.DEFAULT_COUNTER_COLLECTION)
                .updateOne(Filters.eq("_id", MongoEventStorageEngine.DEFAULT_DOMAIN_EVENT_COLLECTION),
                           Updates.inc("value", 35L));
        engine.appendEvents(noted("after", 0), noted("after", 1));

        assertThat(texts(trackAll(engine))).containsExactly("before#0", "after#0", "after#1");
    }

    @Test
    void an_aggregate_of_a_thousand_events_reads_back_complete_and_in_order() {
        MongoEventStorageEngine engine = engineOn(database).build();
        for (int commit = 0; commit < 100; commit++) {
            int first = commit * 10;
            engine.appendEvents(IntStream.range(first, first + 10).mapToObj(i -> noted("long", i)).toList());
        }
        engine.appendEvents(noted("other", 0));

        List<Long> sequenceNumbers = engine.readEvents("long").asStream()
                                           .map(DomainEventMessage::getSequenceNumber).toList();
        assertThat(sequenceNumbers).containsExactlyElementsOf(
                IntStream.range(0, 1000).mapToObj(Long::valueOf).toList());
        assertThat(engine.readEvents("long", 995).asStream().map(DomainEventMessage::getSequenceNumber))
                .containsExactly(995L, 996L, 997L, 998L, 999L);
        assertThat(engine.lastSequenceNumberFor("long")).contains(999L);
        assertThat(engine.lastSequenceNumberFor("other")).contains(0L);
    }

    @Test
    void the_last_sequence_number_is_found_for_every_stream_length() {
        MongoEventStorageEngine engine = engineOn(database).build();
        for (int length = 1; length <= 40; length++) {
            String aggregateId = "len-" + length;
            engine.appendEvents(IntStream.range(0, length).mapToObj(i -> noted(aggregateId, i)).toList());
        }
        for (int length = 1; length <= 40; length++) {
            assertThat(engine.lastSequenceNumberFor("len-" + length)).as("length %d", length)
                                                                      .contains((long) length - 1);
        }
        assertThat(engine.lastSequenceNumberFor("unknown")).isEmpty();
    }

    private static Throwable outcome(MongoEventStorageEngine engine, EventMessage<?> event) {
        try {
            engine.appendEvents(event);
            return null;
        } catch (RuntimeException e) {
            return e;
        }
    }

    private static List<? extends TrackedEventMessage<?>> trackAll(MongoEventStorageEngine engine) {
        try (var events = engine.readEvents(engine.createTailToken(), false)) {
            return events.toList();
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
