package io.aftersales.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoServerException;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.client.result.UpdateResult;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The embedded MongoDB server is as atomic as MongoDB for what the platform relies on, hammered
 * over the wire by 16 threads released together: a unique index admits exactly one of 16 equal
 * keys, {@code findAndModify} with {@code $inc} never hands out a value twice, and a conditional
 * update or upsert is applied by exactly one of the writers that raced for it.
 */
class EmbeddedMongoServerConcurrencyIT {

    private static final int THREADS = 16;
    private static final int ROUNDS = 1_000;

    private static EmbeddedMongoServer server;
    private static MongoClient client;
    private static MongoDatabase database;

    @BeforeAll
    static void startServer() {
        server = EmbeddedMongoServer.inMemory(0);
        server.start();
        client = MongoClients.create(server.connectionString() + "/?maxPoolSize=" + (THREADS * 2));
        database = client.getDatabase("hammer");
    }

    @AfterAll
    static void stopServer() {
        client.close();
        server.stop();
    }

    @Test
    void of_sixteen_concurrent_inserts_of_one_unique_key_exactly_one_succeeds_in_every_round() throws Exception {
        MongoCollection<Document> commits = database.getCollection("unique_inserts");
        commits.createIndex(Indexes.ascending("key"), new IndexOptions().unique(true));
        AtomicIntegerArray successes = new AtomicIntegerArray(ROUNDS);

        hammer((thread, round) -> {
            try {
                commits.insertOne(new Document("key", "aggregate-" + round).append("writer", thread));
                successes.incrementAndGet(round);
            } catch (MongoWriteException e) {
                assertThat(ErrorCategory.fromErrorCode(e.getError().getCode())).isEqualTo(ErrorCategory.DUPLICATE_KEY);
            }
        });

        List<Integer> roundsWithoutOneWinner = new ArrayList<>();
        for (int round = 0; round < ROUNDS; round++) {
            if (successes.get(round) != 1) {
                roundsWithoutOneWinner.add(round);
            }
        }
        assertThat(roundsWithoutOneWinner).as("rounds where not exactly one insert succeeded").isEmpty();
        assertThat(commits.countDocuments()).isEqualTo(ROUNDS);
    }

    @Test
    void concurrent_find_and_modify_increments_never_hand_out_the_same_value_twice() throws Exception {
        MongoCollection<Document> counters = database.getCollection("counters");
        Set<Long> handedOut = ConcurrentHashMap.newKeySet();
        List<Long> duplicates = new java.util.concurrent.CopyOnWriteArrayList<>();

        hammer((thread, round) -> {
            Document counter = counters.findOneAndUpdate(Filters.eq("_id", "global-index"), Updates.inc("value", 1L),
                    new FindOneAndUpdateOptions().upsert(true).returnDocument(ReturnDocument.AFTER));
            long value = counter.getLong("value");
            if (!handedOut.add(value)) {
                duplicates.add(value);
            }
        });

        assertThat(duplicates).as("values handed out twice").isEmpty();
        assertThat(handedOut).hasSize(THREADS * ROUNDS);
        assertThat(counters.find(Filters.eq("_id", "global-index")).first().getLong("value"))
                .isEqualTo((long) THREADS * ROUNDS);
    }

    @Test
    void of_concurrent_conditional_updates_and_upserts_on_one_document_exactly_one_applies() throws Exception {
        MongoCollection<Document> documents = database.getCollection("versioned");
        MongoCollection<Document> upserted = database.getCollection("upserted");
        upserted.createIndex(Indexes.ascending("key"), new IndexOptions().unique(true));
        AtomicIntegerArray updated = new AtomicIntegerArray(ROUNDS);
        AtomicIntegerArray inserted = new AtomicIntegerArray(ROUNDS);

        hammer((thread, round) -> {
            // compare-and-set: only a writer that still sees version 0 may move it to 1
            String id = "versioned-" + round;
            if (thread == 0) {
                documents.insertOne(new Document("_id", id).append("version", 0).append("writers", List.of()));
            }
            UpdateResult cas;
            do {
                cas = documents.updateOne(Filters.and(Filters.eq("_id", id), Filters.eq("version", 0)),
                        Updates.combine(Updates.inc("version", 1), Updates.push("writers", thread)));
            } while (cas.getMatchedCount() == 0 && documents.find(Filters.eq("_id", id)).first() == null);
            if (cas.getModifiedCount() == 1) {
                updated.incrementAndGet(round);
            }
            // upsert of one key: one writer inserts, the others match it (or lose on the unique key)
            try {
                UpdateResult upsert = upserted.updateOne(Filters.eq("key", "upserted-" + round),
                        Updates.setOnInsert("insertedBy", thread), new UpdateOptions().upsert(true));
                if (upsert.getUpsertedId() != null) {
                    inserted.incrementAndGet(round);
                }
            } catch (MongoServerException e) {
                // a lost upsert race is a duplicate key on MongoDB too; retried, it matches
            }
        });

        Set<Integer> wrong = new HashSet<>();
        for (int round = 0; round < ROUNDS; round++) {
            Document versioned = documents.find(Filters.eq("_id", "versioned-" + round)).first();
            if (updated.get(round) != 1 || versioned.getInteger("version") != 1
                    || versioned.getList("writers", Integer.class).size() != 1
                    || inserted.get(round) != 1
                    || upserted.countDocuments(Filters.eq("key", "upserted-" + round)) != 1) {
                wrong.add(round);
            }
        }
        assertThat(wrong).as("rounds where a conditional update or upsert applied other than exactly once").isEmpty();
    }

    private interface Writer {
        void write(int thread, int round) throws Exception;
    }

    /** Runs {@code writer} on {@value #THREADS} threads for {@value #ROUNDS} rounds, all threads released together. */
    private static void hammer(Writer writer) throws Exception {
        CyclicBarrier together = new CyclicBarrier(THREADS);
        ExecutorService threads = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                running.add(threads.submit(() -> {
                    for (int round = 0; round < ROUNDS; round++) {
                        together.await(30, TimeUnit.SECONDS);
                        writer.write(thread, round);
                    }
                    return null;
                }));
            }
            for (Future<?> future : running) {
                future.get(5, TimeUnit.MINUTES);
            }
        } finally {
            threads.shutdownNow();
        }
    }
}
