package io.aftersales.testing;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import io.aftersales.embedded.EmbeddedMongoServer;
import io.aftersales.embedded.FreePorts;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A MongoDB-protocol server in memory for one test class, for tests that call projections and read
 * models directly without a Spring context:
 * {@code @RegisterExtension static final InMemoryMongo MONGO = new InMemoryMongo();}, then a fresh
 * database per test from {@link #freshDatabase(String)}.
 */
public final class InMemoryMongo implements BeforeAllCallback, AfterAllCallback {

    private EmbeddedMongoServer server;
    private MongoClient client;

    @Override
    public void beforeAll(ExtensionContext context) {
        server = EmbeddedMongoServer.inMemory(FreePorts.next());
        server.start();
        client = MongoClients.create(server.connectionString());
    }

    @Override
    public void afterAll(ExtensionContext context) {
        client.close();
        server.close();
    }

    /** A database no other test has written to. */
    public MongoDatabase freshDatabase(String prefix) {
        return client.getDatabase(prefix + "_" + System.nanoTime());
    }
}
