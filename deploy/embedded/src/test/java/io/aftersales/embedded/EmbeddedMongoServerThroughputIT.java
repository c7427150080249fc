package io.aftersales.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

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
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What serialised writes and a commit per write cost: event-store-shaped appends (a
 * {@code findAndModify $inc} on a counter, then the insert of a commit document under a unique
 * index) by 8 concurrent writers on a file-backed server. Prints the throughput; fails only if it
 * collapses.
 */
class EmbeddedMongoServerThroughputIT {

    private static final int WRITERS = 8;
    private static final int APPENDS_PER_WRITER = 250;
    private static final String PAYLOAD = "x".repeat(400);
    private static final AtomicInteger REALLOCATIONS = new AtomicInteger();

    @TempDir
    Path dataDir;

    @Test
    void file_backed_server_takes_event_store_appends_from_eight_writers_at_a_useful_rate() throws Exception {
        try (EmbeddedMongoServer server = new EmbeddedMongoServer(dataDir.resolve("mongo.mv"), 0)) {
            server.start();
            try (MongoClient client = MongoClients.create(server.connectionString())) {
                MongoDatabase database = client.getDatabase("throughput");
                MongoCollection<Document> commits = database.getCollection("domainevents");
                MongoCollection<Document> counters = database.getCollection("eventcounters");
                commits.createIndex(Indexes.ascending("sequenceKeys"), new IndexOptions().unique(true));
                append(commits, counters, "warm-up", 0);

                ExecutorService writers = Executors.newFixedThreadPool(WRITERS);
                long started = System.nanoTime();
                try {
                    List<Future<?>> running = new ArrayList<>();
                    for (int w = 0; w < WRITERS; w++) {
                        String aggregate = "aggregate-" + w;
                        running.add(writers.submit(() -> {
                            for (int sequence = 0; sequence < APPENDS_PER_WRITER; sequence++) {
                                append(commits, counters, aggregate, sequence);
                            }
                            return null;
                        }));
                    }
                    for (Future<?> writer : running) {
                        writer.get(5, TimeUnit.MINUTES);
                    }
                } finally {
                    writers.shutdownNow();
                }
                double seconds = (System.nanoTime() - started) / 1e9;
                double perSecond = WRITERS * APPENDS_PER_WRITER / seconds;
                System.out.printf("embedded MongoDB, file-backed: %d appends by %d writers in %.2f s = %.0f appends/s"
                        + " (%d indexes allocated twice)%n",
                        WRITERS * APPENDS_PER_WRITER, WRITERS, seconds, perSecond, REALLOCATIONS.get());
                assertThat(commits.countDocuments()).isEqualTo(WRITERS * APPENDS_PER_WRITER + 1);
                assertThat(perSecond).isGreaterThan(50);
                assertThat(REALLOCATIONS.get()).as("indexes the counter handed out twice").isZero();
            }
        }
    }

    /** As the event store appends: a taken index (the counter handed it out twice) is allocated again. */
    private static void append(MongoCollection<Document> commits, MongoCollection<Document> counters,
                               String aggregate, int sequence) {
        while (true) {
            try {
                tryAppend(commits, counters, aggregate, sequence);
                return;
            } catch (MongoWriteException e) {
                if (!e.getMessage().contains("_id_")) {
                    throw e;
                }
                REALLOCATIONS.incrementAndGet();
            }
        }
    }

    private static void tryAppend(MongoCollection<Document> commits, MongoCollection<Document> counters,
                                  String aggregate, int sequence) {
        long index = counters.findOneAndUpdate(Filters.eq("_id", "domainevents"), Updates.inc("value", 1L),
                new FindOneAndUpdateOptions().upsert(true).returnDocument(ReturnDocument.AFTER)).getLong("value");
        Document key = new Document("aggregateIdentifier", aggregate).append("sequenceNumber", (long) sequence);
        commits.insertOne(new Document("_id", index).append("lastIndex", index)
                .append("events", List.of(new Document("globalIndex", index)
                        .append("aggregateIdentifier", aggregate).append("sequenceNumber", (long) sequence)
                        .append("payload", PAYLOAD)))
                .append("sequenceKeys", List.of(key)));
    }
}
