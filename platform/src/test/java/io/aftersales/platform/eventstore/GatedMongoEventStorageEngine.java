package io.aftersales.platform.eventstore;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.bson.Document;

/**
 * An engine whose commits for chosen aggregates become visible late (held until released) or
 * never (the writer "crashes" after its global indexes were handed out and before the insert).
 */
final class GatedMongoEventStorageEngine extends MongoEventStorageEngine {

    private final Map<String, Gate> gates = new ConcurrentHashMap<>();
    private final Set<String> crashing = ConcurrentHashMap.newKeySet();
    private final AtomicReference<Runnable> afterNextGapsRead = new AtomicReference<>();
    private final AtomicReference<Gate> nextGroup = new AtomicReference<>();
    private final List<Integer> groupSizes = new CopyOnWriteArrayList<>();

    GatedMongoEventStorageEngine(Builder builder) {
        super(builder);
    }

    /** Holds back the next commit that contains an event of {@code aggregateId}. */
    Gate holdCommitOf(String aggregateId) {
        Gate gate = new Gate();
        gates.put(aggregateId, gate);
        return gate;
    }

    /** Every commit containing an event of {@code aggregateId} fails after its indexes were handed out. */
    void crashOnCommitOf(String aggregateId) {
        crashing.add(aggregateId);
    }

    /** Holds the next group's leader before it takes the queue, so that the callers arriving meanwhile join its group. */
    Gate holdNextGroup() {
        Gate gate = new Gate();
        nextGroup.set(gate);
        return gate;
    }

    /** The sizes of the groups written so far, in order. */
    List<Integer> groupSizes() {
        return List.copyOf(groupSizes);
    }

    @Override
    void beforeGroupTaken() {
        Gate gate = nextGroup.getAndSet(null);
        if (gate != null) {
            gate.holdUntilReleased();
        }
    }

    /** Runs {@code action} once, inside the next fetch, right after it read the token's gaps. */
    void onceAfterGapsRead(Runnable action) {
        afterNextGapsRead.set(action);
    }

    @Override
    void afterGapsRead() {
        Runnable action = afterNextGapsRead.getAndSet(null);
        if (action != null) {
            action.run();
        }
    }

    @Override
    void insertCommits(List<Document> commits) {
        for (Document commit : commits) {
            for (Document key : commit.getList(EventDocuments.SEQUENCE_KEYS, Document.class)) {
                String aggregateId = key.getString(EventDocuments.AGGREGATE_IDENTIFIER);
                if (crashing.contains(aggregateId)) {
                    throw new SimulatedCrash();
                }
                Gate gate = gates.remove(aggregateId);
                if (gate != null) {
                    gate.holdUntilReleased();
                }
            }
        }
        groupSizes.add(commits.size());
        super.insertCommits(commits);
    }

    static final class SimulatedCrash extends RuntimeException {

        private static final long serialVersionUID = 1L;

        SimulatedCrash() {
            super("simulated crash between index allocation and insert");
        }
    }

    /** A held commit: its indexes are handed out, its insert waits for {@link #release()}. */
    static final class Gate {

        private final CountDownLatch indexesHandedOut = new CountDownLatch(1);
        private final CountDownLatch released = new CountDownLatch(1);

        void awaitIndexesHandedOut() throws InterruptedException {
            if (!indexesHandedOut.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the held commit never reached its insert");
            }
        }

        void release() {
            released.countDown();
        }

        private void holdUntilReleased() {
            indexesHandedOut.countDown();
            try {
                if (!released.await(30, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("held commit was never released");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
