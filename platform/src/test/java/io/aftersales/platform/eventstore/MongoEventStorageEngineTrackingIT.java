package io.aftersales.platform.eventstore;

import static io.aftersales.platform.eventstore.TestEvents.engineOn;
import static io.aftersales.platform.eventstore.TestEvents.noted;
import static io.aftersales.platform.eventstore.TestEvents.notedAt;
import static io.aftersales.platform.eventstore.TestEvents.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import com.mongodb.client.MongoDatabase;
import io.aftersales.platform.eventstore.GatedMongoEventStorageEngine.Gate;
import io.aftersales.platform.eventstore.GatedMongoEventStorageEngine.SimulatedCrash;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.serialization.Serializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Tracking never skips a late commit, gives up a gap after the timeout, and keeps tokens small. */
class MongoEventStorageEngineTrackingIT {

    private MongoDatabase database;
    private TestClock clock;

    @BeforeEach
    void freshDatabase() {
        database = TestDatabases.fresh("tracking");
        clock = TestClock.install();
    }

    @AfterEach
    void dropDatabase() {
        TestClock.uninstall();
        database.drop();
    }

    @Test
    void late_committed_event_is_still_delivered_to_a_tracking_processor() throws Exception {
        GatedMongoEventStorageEngine engine = new GatedMongoEventStorageEngine(engineOn(database));
        EmbeddedEventStore eventStore = EmbeddedEventStore.builder().storageEngine(engine).build();
        List<String> handled = new CopyOnWriteArrayList<>();
        TrackingEventProcessor processor = TestProcessors.tracking("tracking-it", eventStore, message -> {
            handled.add(text((TrackedEventMessage<?>) message));
            return null;
        });
        ExecutorService slowWriter = Executors.newSingleThreadExecutor();
        try {
            processor.start();
            Gate gate = engine.holdCommitOf("late");
            Future<?> lateAppend = slowWriter.submit(() -> eventStore.publish(noted("late", 0)));
            gate.awaitIndexesHandedOut();

            eventStore.publish(noted("early", 0));

            await().atMost(Duration.ofSeconds(15))
                   .untilAsserted(() -> assertThat(handled).containsExactly("early#0"));
            GapAwareTrackingToken seenEarly = tokenOf(processor);
            assertThat(seenEarly.getIndex()).isEqualTo(2);
            assertThat(seenEarly.getGaps()).containsExactly(1L);

            gate.release();
            lateAppend.get(10, TimeUnit.SECONDS);

            await().atMost(Duration.ofSeconds(15))
                   .untilAsserted(() -> assertThat(handled).containsExactly("early#0", "late#0"));
            await().untilAsserted(() -> assertThat(tokenOf(processor).getGaps()).isEmpty());
            assertThat(tokenOf(processor).getIndex()).isEqualTo(2);
        } finally {
            slowWriter.shutdownNow();
            processor.shutDown();
            eventStore.shutDown();
        }
    }

    @Test
    void events_of_one_aggregate_are_tracked_in_order_when_a_gap_fills_while_a_fetch_is_reading() throws Exception {
        GatedMongoEventStorageEngine engine = new GatedMongoEventStorageEngine(engineOn(database));
        ExecutorService slowWriter = Executors.newSingleThreadExecutor();
        try {
            Gate gate = engine.holdCommitOf("x");
            Future<?> firstOfX = slowWriter.submit(() -> engine.appendEvents(noted("x", 0)));
            gate.awaitIndexesHandedOut();
            engine.appendEvents(noted("other", 0));
            Drained before = drain(engine, engine.createTailToken());
            assertThat(before.texts()).containsExactly("other#0");
            assertThat(before.token().getGaps()).as("x#0 holds index 1").containsExactly(1L);

            // after the fetch looked for index 1 and before it reads past index 2: x#0 lands at
            // index 1, then the aggregate's next event x#1 at index 3
            engine.onceAfterGapsRead(() -> {
                gate.release();
                try {
                    firstOfX.get(10, TimeUnit.SECONDS);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                engine.appendEvents(noted("x", 1));
            });
            List<String> delivered = new ArrayList<>();
            GapAwareTrackingToken token = before.token();
            for (int fetch = 0; fetch < 5 && delivered.size() < 2; fetch++) {
                Drained next = drain(engine, token);
                delivered.addAll(next.texts());
                token = next.token();
            }

            assertThat(delivered).as("one aggregate's events in its order").containsExactly("x#0", "x#1");
            assertThat(token.getIndex()).isEqualTo(3);
            assertThat(token.getGaps()).isEmpty();
        } finally {
            slowWriter.shutdownNow();
        }
    }

    @Test
    void commit_landing_in_a_gap_is_delivered_even_when_its_writers_clock_is_a_minute_behind() throws Exception {
        // default gap timeout: 1 minute; the writer stamps its events 61 s in the past
        GatedMongoEventStorageEngine engine = new GatedMongoEventStorageEngine(engineOn(database));
        EmbeddedEventStore eventStore = EmbeddedEventStore.builder().storageEngine(engine).build();
        List<String> handled = new CopyOnWriteArrayList<>();
        TrackingEventProcessor processor = TestProcessors.tracking("skewed-writer-it", eventStore, message -> {
            handled.add(text((TrackedEventMessage<?>) message));
            return null;
        });
        ExecutorService slowWriter = Executors.newSingleThreadExecutor();
        try {
            processor.start();
            Instant writersClock = clock.instant().minusSeconds(61);
            Gate gate = engine.holdCommitOf("late");
            Future<?> lateAppend = slowWriter.submit(() -> eventStore.publish(notedAt("late", 0, writersClock)));
            gate.awaitIndexesHandedOut();
            eventStore.publish(notedAt("next", 0, writersClock.plusMillis(5)));

            await().atMost(Duration.ofSeconds(15))
                   .untilAsserted(() -> assertThat(handled).containsExactly("next#0"));
            assertThat(tokenOf(processor).getGaps()).as("index 1 is waited for").containsExactly(1L);

            gate.release();
            lateAppend.get(10, TimeUnit.SECONDS);

            await().atMost(Duration.ofSeconds(15))
                   .untilAsserted(() -> assertThat(handled).containsExactly("next#0", "late#0"));
        } finally {
            slowWriter.shutdownNow();
            processor.shutDown();
            eventStore.shutDown();
        }
    }

    @Test
    void gap_is_waited_for_within_the_gap_timeout_and_given_up_after_it() {
        GatedMongoEventStorageEngine engine =
                new GatedMongoEventStorageEngine(engineOn(database).gapTimeout(Duration.ofSeconds(10)));
        engine.crashOnCommitOf("lost");

        engine.appendEvents(noted("a", 0));
        assertThatThrownBy(() -> engine.appendEvents(noted("lost", 0))).isInstanceOf(SimulatedCrash.class);
        engine.appendEvents(noted("b", 0));

        Drained first = drain(engine, engine.createTailToken());
        assertThat(first.texts()).containsExactly("a#0", "b#0");
        assertThat(first.token().getGaps()).containsExactly(2L);

        clock.advance(Duration.ofSeconds(5));
        engine.appendEvents(noted("c", 0));
        Drained withinTimeout = drain(engine, first.token());
        assertThat(withinTimeout.texts()).containsExactly("c#0");
        assertThat(withinTimeout.token().getGaps()).as("still waiting for index 2").containsExactly(2L);

        clock.advance(Duration.ofSeconds(6));
        engine.appendEvents(noted("d", 0));
        Drained afterTimeout = drain(engine, withinTimeout.token());
        assertThat(afterTimeout.texts()).containsExactly("d#0");
        assertThat(afterTimeout.token().getGaps()).as("index 2 given up").isEmpty();
        assertThat(afterTimeout.token().getIndex()).isEqualTo(5);

        assertThat(engine.readEvents("lost").asStream()).as("the crashed commit left nothing").isEmpty();
        assertThat(engine.lastSequenceNumberFor("lost")).isEmpty();
    }

    /**
     * The failure-mode suite's replay row (docs/testing.md): 100,000 events, appended as 100 commits of
     * 1,000 to keep the setup short, tracked from the start by a real processor. About 1.5 minutes
     * on the embedded server (most of it the appends' index maintenance), which that row asks for.
     */
    @Test
    void replay_of_100k_events_from_the_start_delivers_each_once_in_order_with_a_small_token() {
        int commits = 100;
        int eventsPerCommit = 1_000;
        MongoEventStorageEngine engine = engineOn(database).batchSize(1_000).build();
        long appendStarted = System.nanoTime();
        for (int commit = 0; commit < commits; commit++) {
            String aggregateId = "replayed-" + commit;
            engine.appendEvents(java.util.stream.IntStream.range(0, eventsPerCommit)
                                                         .mapToObj(sequence -> noted(aggregateId, sequence))
                                                         .toList());
        }
        double appendSeconds = (System.nanoTime() - appendStarted) / 1e9;
        EmbeddedEventStore eventStore = EmbeddedEventStore.builder().storageEngine(engine).build();
        java.util.concurrent.atomic.AtomicLong delivered = new java.util.concurrent.atomic.AtomicLong();
        java.util.concurrent.atomic.AtomicLong outOfOrder = new java.util.concurrent.atomic.AtomicLong();
        java.util.concurrent.atomic.AtomicLong lastIndex = new java.util.concurrent.atomic.AtomicLong();
        TrackingEventProcessor processor = TestProcessors.tracking("replay-it", eventStore, message -> {
            long index = ((TrackedEventMessage<?>) message).trackingToken().position().orElseThrow();
            if (index != lastIndex.get() + 1) {
                outOfOrder.incrementAndGet();
            }
            lastIndex.set(index);
            delivered.incrementAndGet();
            return null;
        });
        long replayStarted = System.nanoTime();
        try {
            processor.start();
            await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(100))
                   .until(() -> delivered.get() >= (long) commits * eventsPerCommit);
            double replaySeconds = (System.nanoTime() - replayStarted) / 1e9;
            GapAwareTrackingToken token = tokenOf(processor);
            int tokenBytes = TestEvents.jackson().serialize(token, byte[].class).getData().length;
            System.out.printf("replay: appended %d events in %.1f s; a tracking processor from the start delivered"
                                      + " them in %.1f s = %.0f events/s; token %s, %d bytes%n",
                              delivered.get(), appendSeconds, replaySeconds, delivered.get() / replaySeconds,
                              token, tokenBytes);

            assertThat(delivered.get()).isEqualTo((long) commits * eventsPerCommit);
            assertThat(outOfOrder.get()).as("events not delivered in global-index order").isZero();
            assertThat(token.getIndex()).isEqualTo((long) commits * eventsPerCommit);
            assertThat(token.getGaps()).isEmpty();
            assertThat(tokenBytes).as("serialized token").isLessThan(100);
        } finally {
            processor.shutDown();
            eventStore.shutDown();
        }
    }

    @Test
    void tracking_token_size_does_not_grow_with_the_number_of_events_processed() {
        Duration gapTimeout = Duration.ofSeconds(5);
        MongoEventStorageEngine engine = engineOn(database).gapTimeout(gapTimeout).batchSize(100).build();
        LiveTracker tracker = new LiveTracker(engine);
        Serializer serializer = TestEvents.jackson();

        tracker.appendAndTrack(100);
        int bytesAfter100 = tracker.settledTokenSize(gapTimeout, serializer);
        long indexAfter100 = tracker.token.getIndex();

        tracker.appendAndTrack(4_900);
        int bytesAfter5000 = tracker.settledTokenSize(gapTimeout, serializer);
        long indexAfter5000 = tracker.token.getIndex();

        assertThat(tracker.delivered).isEqualTo(5_000 + 2);
        assertThat(tracker.failedCommits).as("every failed commit left a gap to give up").isGreaterThanOrEqualTo(90);
        // a failed commit leaves 5 missing indexes; one fails every 10 commits, one commit every 100 ms
        long failedCommitsWithinTimeout = gapTimeout.toMillis() / 100 / 10 + 1;
        assertThat(tracker.maxGaps).as("gaps held at any time: only those younger than the gap timeout")
                                   .isLessThanOrEqualTo((int) failedCommitsWithinTimeout * 5);
        assertThat(tracker.token.getGaps()).isEmpty();
        int extraDigits = String.valueOf(indexAfter5000).length() - String.valueOf(indexAfter100).length();
        assertThat(bytesAfter5000).as("serialized token after 5,000 vs 100 events")
                                  .isLessThanOrEqualTo(bytesAfter100 + extraDigits);
    }

    /**
     * Appends commits of 5 events while tracking them as a live processor would (every
     * commit read within 100 ms of being written), with every tenth commit failing on a
     * duplicate sequence number: its 5 indexes become a gap that is never filled.
     */
    private final class LiveTracker {

        private final EventStorageEngine engine;
        private GapAwareTrackingToken token;
        private int commits;
        private int delivered;
        private int failedCommits;
        private int maxGaps;

        LiveTracker(MongoEventStorageEngine engine) {
            this.engine = engine;
            this.token = (GapAwareTrackingToken) engine.createTailToken();
        }

        void appendAndTrack(int events) {
            for (int appended = 0; appended < events; appended += 5) {
                clock.advance(Duration.ofMillis(100));
                String aggregateId = "note-" + commits++;
                engine.appendEvents(noted(aggregateId, 0), noted(aggregateId, 1), noted(aggregateId, 2),
                                    noted(aggregateId, 3), noted(aggregateId, 4));
                if (commits % 10 == 0) {
                    assertThatThrownBy(() -> engine.appendEvents(noted(aggregateId, 0), noted(aggregateId, 1),
                                                                 noted(aggregateId, 2), noted(aggregateId, 3),
                                                                 noted(aggregateId, 4)))
                            .isInstanceOf(AggregateStreamCreationException.class);
                    failedCommits++;
                }
                track();
            }
        }

        int settledTokenSize(Duration gapTimeout, Serializer serializer) {
            clock.advance(gapTimeout.plusSeconds(1));
            engine.appendEvents(noted("sentinel-" + commits++, 0));
            track();
            return serializer.serialize(token, byte[].class).getData().length;
        }

        private void track() {
            Drained drained = drain(engine, token);
            delivered += drained.texts().size();
            token = drained.token();
            maxGaps = Math.max(maxGaps, token.getGaps().size());
        }
    }

    private record Drained(List<String> texts, GapAwareTrackingToken token) {
    }

    private static Drained drain(EventStorageEngine engine, TrackingToken from) {
        List<String> texts = new ArrayList<>();
        TrackingToken last = from;
        try (Stream<? extends TrackedEventMessage<?>> events = engine.readEvents(from, false)) {
            Iterator<? extends TrackedEventMessage<?>> iterator = events.iterator();
            while (iterator.hasNext()) {
                TrackedEventMessage<?> event = iterator.next();
                texts.add(text(event));
                last = event.trackingToken();
            }
        }
        return new Drained(texts, (GapAwareTrackingToken) last);
    }


    private static GapAwareTrackingToken tokenOf(TrackingEventProcessor processor) {
        return (GapAwareTrackingToken) processor.processingStatus().get(0).getTrackingToken();
    }
}
