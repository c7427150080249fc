package io.aftersales.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;

import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import org.bson.Document;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The unique indexes in maps ordered by value (ADR 0175), and a data file of the former order taken over. */
class EmbeddedMongoIndexIT {

    @TempDir
    Path dataDir;

    @Test
    void a_data_file_written_with_the_former_index_order_keeps_its_lookups_and_uniqueness_after_the_upgrade() {
        Path file = dataDir.resolve("legacy.mv");
        MongoServer legacy = new MongoServer(new H2Backend(file.toString()));
        String address = "mongodb://localhost:" + legacy.bind().getPort();
        try (MongoClient client = MongoClients.create(address)) {
            MongoCollection<Document> events = client.getDatabase("store").getCollection("events");
            events.createIndex(Indexes.ascending("aggregateId", "sequence"), new IndexOptions().unique(true));
            for (int i = 0; i < 300; i++) {
                events.insertOne(new Document("_id", "E-" + i).append("aggregateId", "A-" + (i % 30)).append("sequence", (long) i / 30));
            }
        }
        legacy.shutdown();

        EmbeddedMongoServer server = new EmbeddedMongoServer(file, 0);
        server.start();
        try (MongoClient client = MongoClients.create(server.connectionString())) {
            MongoCollection<Document> events = client.getDatabase("store").getCollection("events");
            assertThat(events.find(new Document("_id", "E-123")).first()).containsEntry("aggregateId", "A-3");
            assertThat(events.find(new Document("aggregateId", "A-7").append("sequence", 4L)).first())
                    .containsEntry("_id", "E-127");
            assertThatThrownBy(() -> events.insertOne(new Document("_id", "E-299")))
                    .isInstanceOf(MongoWriteException.class).hasMessageContaining("duplicate key");
            assertThatThrownBy(() -> events.insertOne(new Document("_id", "E-new").append("aggregateId", "A-7").append("sequence", 4L)))
                    .isInstanceOf(MongoWriteException.class).hasMessageContaining("duplicate key");
            events.insertOne(new Document("_id", "E-300").append("aggregateId", "A-0").append("sequence", 10L));
            assertThat(events.countDocuments()).isEqualTo(301);
        } finally {
            server.stop();
        }

        MVStore store = MVStore.open(file.toString());
        try {
            assertThat(store.getMapNames()).contains("store.events._index__id_" + EmbeddedH2Backend.ORDERED_INDEX_SUFFIX)
                    .doesNotContain("store.events._index__id_");
        } finally {
            store.close();
        }
    }

    @Test
    void keys_of_different_types_and_values_stay_distinct_and_are_found_after_a_restart() {
        Path file = dataDir.resolve("ordered.mv");
        EmbeddedMongoServer server = new EmbeddedMongoServer(file, 0);
        server.start();
        Object[] ids = {"1", 1, 1.5, "b", "a", 2, -3L, new Document("x", 1)};
        try (MongoClient client = MongoClients.create(server.connectionString())) {
            MongoCollection<Document> things = client.getDatabase("store").getCollection("things");
            for (Object id : ids) {
                things.insertOne(new Document("_id", id).append("type", id.getClass().getSimpleName()));
            }
        }
        server.stop();
        server.start();
        try (MongoClient client = MongoClients.create(server.connectionString())) {
            MongoCollection<Document> things = client.getDatabase("store").getCollection("things");
            assertThat(things.countDocuments()).isEqualTo(ids.length);
            assertThat(things.find(new Document("_id", "a")).first()).containsEntry("type", "String");
            assertThat(things.find(new Document("_id", -3L)).first()).containsEntry("type", "Long");
            assertThat(things.find(new Document("_id", new Document("x", 1))).first()).containsEntry("type", "Document");
            assertThatThrownBy(() -> things.insertOne(new Document("_id", "b")))
                    .isInstanceOf(MongoWriteException.class).hasMessageContaining("duplicate key");
        } finally {
            server.stop();
        }
    }

    @Test
    void a_unique_index_on_a_list_of_documents_finds_every_key_and_refuses_one_taken() {
        EmbeddedMongoServer server = new EmbeddedMongoServer(dataDir.resolve("keys.mv"), 0);
        server.start();
        try (MongoClient client = MongoClients.create(server.connectionString())) {
            MongoCollection<Document> commits = client.getDatabase("store").getCollection("commits");
            commits.createIndex(Indexes.ascending("sequenceKeys"), new IndexOptions().unique(true));
            for (int i = 0; i < 200; i++) {
                commits.insertOne(new Document("_id", i).append("sequenceKeys", java.util.List.of(
                        new Document("a", "T-" + (i % 20)).append("s", (long) i / 20),
                        new Document("a", "C-" + i).append("s", 0L))));
            }
            assertThat(commits.find(com.mongodb.client.model.Filters.in("sequenceKeys",
                    new Document("a", "T-3").append("s", 4L), new Document("a", "C-150").append("s", 0L)))
                    .map(d -> d.getInteger("_id")).into(new java.util.ArrayList<>())).containsExactlyInAnyOrder(83, 150);
            assertThatThrownBy(() -> commits.insertOne(new Document("_id", 999).append("sequenceKeys",
                    java.util.List.of(new Document("a", "T-3").append("s", 4L)))))
                    .isInstanceOf(MongoWriteException.class).hasMessageContaining("duplicate key");
            commits.insertOne(new Document("_id", 1000).append("sequenceKeys",
                    java.util.List.of(new Document("s", 4L).append("a", "T-3"))));
        } finally {
            server.stop();
        }
    }

    /**
     * Every answer of a collection with non-unique indexes (ADR 0178) compared with the answer of a
     * twin collection without them, which scans, after inserts, an index built over existing
     * documents, updates that move documents between keys, deletes and a restart.
     */
    @Test
    void non_unique_indexes_answer_as_a_scan_does_and_hold_their_entries_across_a_restart() {
        Path file = dataDir.resolve("secondary.mv");
        EmbeddedMongoServer server = new EmbeddedMongoServer(file, 0);
        server.start();
        try (MongoClient client = MongoClients.create(server.connectionString())) {
            MongoCollection<Document> indexed = client.getDatabase("store").getCollection("summaries");
            MongoCollection<Document> scanned = client.getDatabase("store").getCollection("summaries_scanned");
            java.util.function.Consumer<Integer> insert = i -> {
                Document summary = new Document("_id", "T-" + i).append("product", "P-" + (i % 11))
                        .append("batch", "B-" + (i % 3)).append("status", i % 4 == 0 ? "CLOSED" : "OPEN")
                        .append("n", i).append("tags", java.util.List.of("t-" + (i % 5), "t-" + (i % 7)));
                if (i % 13 == 0) {
                    summary.remove("batch");
                }
                indexed.insertOne(summary);
                scanned.insertOne(new Document(summary));
            };
            for (int i = 0; i < 100; i++) {
                insert.accept(i);
            }
            indexed.createIndex(Indexes.ascending("product", "batch", "status"), new IndexOptions().name("by_product"));
            indexed.createIndex(Indexes.ascending("tags"));
            indexed.createIndex(Indexes.descending("n"));
            for (int i = 100; i < 300; i++) {
                insert.accept(i);
            }
            assertAnswersAsAScan(indexed, scanned);

            for (MongoCollection<Document> summaries : java.util.List.of(indexed, scanned)) {
                summaries.updateMany(new Document("product", "P-3").append("batch", "B-1"),
                        new Document("$set", new Document("status", "CLOSED")));
                summaries.updateOne(new Document("_id", "T-14"), new Document("$set", new Document("product", "P-99")
                        .append("tags", java.util.List.of("t-99"))));
                summaries.updateOne(new Document("_id", "T-25"), new Document("$unset", new Document("batch", "")));
                summaries.deleteMany(new Document("product", "P-4").append("batch", "B-2"));
            }
            assertAnswersAsAScan(indexed, scanned);
            assertThat(indexed.countDocuments(new Document("product", "P-99"))).isEqualTo(1);
        } finally {
            server.stop();
        }

        server.start();
        try (MongoClient client = MongoClients.create(server.connectionString())) {
            MongoDatabase store = client.getDatabase("store");
            assertAnswersAsAScan(store.getCollection("summaries"), store.getCollection("summaries_scanned"));
            Document sizes = store.runCommand(new Document("collStats", "summaries")).get("indexSize", Document.class);
            long summaries = store.getCollection("summaries").countDocuments();
            // one entry per document, two per tags array (one when both tags are equal), as MongoDB's multikey index
            assertThat(((Number) sizes.get("by_product")).longValue()).isEqualTo(summaries);
            assertThat(((Number) sizes.get("n_-1")).longValue()).isEqualTo(summaries);
            assertThat(((Number) sizes.get("tags_1")).longValue()).isGreaterThan(summaries);
        } finally {
            server.stop();
        }
        MVStore mvStore = MVStore.open(file.toString());
        try {
            assertThat(mvStore.getMapNames()).contains("store.summaries._index_by_product" + EmbeddedH2Backend.SECONDARY_INDEX_SUFFIX);
        } finally {
            mvStore.close();
        }
    }

    private static void assertAnswersAsAScan(MongoCollection<Document> indexed, MongoCollection<Document> scanned) {
        java.util.List<Document> filters = java.util.List.of(
                new Document("product", "P-3"),
                new Document("product", "P-3").append("batch", "B-1"),
                new Document("product", "P-3").append("batch", "B-1").append("status", "OPEN"),
                new Document("batch", "B-1").append("product", "P-5"),
                new Document("product", "P-1").append("batch", new Document("$in", java.util.List.of("B-0", "B-2"))),
                new Document("product", "P-2").append("batch", null),
                new Document("product", "P-2").append("status", "CLOSED").append("n", new Document("$gte", 150)),
                new Document("product", "P-1"),
                new Document("product", "P-10"),
                new Document("tags", "t-3"),
                new Document("tags", "t-99"),
                new Document("n", 7L),
                new Document("n", 8.0),
                new Document("n", 40).append("product", "P-7"),
                new Document("status", "OPEN"),
                new Document("product", "P-404"),
                new Document("$and", java.util.List.of(new Document("product", "P-3"), new Document("batch", "B-1"))),
                new Document("$and", java.util.List.of(new Document("_id", "T-30"), new Document("status", "OPEN"))),
                new Document("$and", java.util.List.of(new Document("_id", "T-30"), new Document("status", "CLOSED"))),
                new Document("status", new Document("$in", java.util.List.of("OPEN", "CLOSED"))).append("product", "P-2"),
                new Document("product", new Document("$in", java.util.List.of("P-5", "P-99", "P-404"))),
                new Document("$or", java.util.List.of(new Document("product", "P-5"), new Document("tags", "t-1"))));
        for (Document filter : filters) {
            assertThat(ids(indexed.find(filter).sort(Indexes.descending("n")).limit(25)))
                    .as("%s", filter.toJson())
                    .containsExactlyElementsOf(ids(scanned.find(filter).sort(Indexes.descending("n")).limit(25)));
            assertThat(indexed.countDocuments(filter)).as("count %s", filter.toJson()).isEqualTo(scanned.countDocuments(filter));
        }
        assertThat(indexed.distinct("batch", new Document("product", "P-6"), String.class).into(new java.util.ArrayList<>()))
                .containsExactlyInAnyOrderElementsOf(
                        scanned.distinct("batch", new Document("product", "P-6"), String.class).into(new java.util.ArrayList<>()));
    }

    private static java.util.List<String> ids(com.mongodb.client.FindIterable<Document> found) {
        return found.map(d -> d.getString("_id")).into(new java.util.ArrayList<>());
    }
}
