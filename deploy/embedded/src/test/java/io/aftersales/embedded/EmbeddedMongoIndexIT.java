package io.aftersales.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;

import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
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
}
