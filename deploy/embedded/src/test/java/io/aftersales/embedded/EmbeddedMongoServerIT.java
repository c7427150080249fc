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

    /**
     * A command waiting for its commit holds its connection's event-loop thread (ADR 0182): each
     * connection gets a loop of its own, so no connection waits behind another's commit.
     */
    @Test
    void each_of_twenty_connections_is_served_by_an_event_loop_thread_of_its_own() {
        server = EmbeddedMongoServer.inMemory(0);
        server.start();
        long before = eventLoopThreads();
        java.util.List<MongoClient> clients = new java.util.ArrayList<>();
        try {
            for (int i = 0; i < 20; i++) {
                MongoClient client = MongoClients.create(com.mongodb.MongoClientSettings.builder()
                        .applyConnectionString(new com.mongodb.ConnectionString(server.connectionString()))
                        .applyToConnectionPoolSettings(pool -> pool.maxSize(1)).build());
                clients.add(client);
                collection(client).countDocuments();
            }
            assertThat(eventLoopThreads() - before).isGreaterThanOrEqualTo(20);
        } finally {
            clients.forEach(MongoClient::close);
        }
    }

    private static long eventLoopThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.isAlive() && thread.getName().startsWith("mongo-server-worker")).count();
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
