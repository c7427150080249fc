package io.aftersales.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedMongoServerIT {

    @TempDir
    Path dataDir;

    private EmbeddedMongoServer server;

    @AfterEach
    void stopServer() {
        if (server != null) {
            server.stop();
        }
    }

    @Test
    void keepsDocumentsInTheFileAcrossRestart() {
        int port = FreePorts.next();
        Path file = dataDir.resolve("mongo").resolve("test.mv");
        server = new EmbeddedMongoServer(file, port);
        server.start();
        assertThat(server.connectionString()).isEqualTo("mongodb://localhost:" + port);

        try (MongoClient client = MongoClients.create(server.connectionString())) {
            collection(client).insertOne(new Document("_id", "T-1").append("status", "OPEN"));
        }
        server.stop();
        assertThat(file).exists();

        server = new EmbeddedMongoServer(file, port);
        server.start();
        try (MongoClient client = MongoClients.create(server.connectionString())) {
            Document found = collection(client).find(new Document("_id", "T-1")).first();
            assertThat(found).isNotNull();
            assertThat(found.getString("status")).isEqualTo("OPEN");
        }
    }

    @Test
    void inMemoryServerOnAFreePortKeepsItsPortAcrossRestart() {
        server = EmbeddedMongoServer.inMemory(0);
        server.start();
        int port = server.port();
        assertThat(port).isPositive();
        try (MongoClient client = MongoClients.create(server.connectionString())) {
            collection(client).insertOne(new Document("_id", "T-2"));
            assertThat(collection(client).countDocuments()).isEqualTo(1);
        }
        server.stop();
        server.start();
        assertThat(server.port()).isEqualTo(port);
        try (MongoClient client = MongoClients.create(server.connectionString())) {
            assertThat(client.getDatabase("admin").runCommand(new Document("ping", 1)).get("ok"))
                    .isIn(1, 1.0);
            // what Spring Boot's MongoHealthIndicator sends
            Document hello = client.getDatabase("admin").runCommand(new Document("hello", 1));
            assertThat(hello.get("isWritablePrimary")).isEqualTo(true);
            assertThat(hello.getInteger("maxWireVersion")).isPositive();
        }
    }

    private static MongoCollection<Document> collection(MongoClient client) {
        return client.getDatabase("aftersales").getCollection("tickets");
    }
}
