package io.aftersales.platform.eventstore;

import java.util.Locale;
import java.util.UUID;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import io.aftersales.testing.TestInfrastructure;

/** One client for the JVM-wide test MongoDB, and a fresh database for every test. */
final class TestDatabases {

    private static MongoClient client;

    private TestDatabases() {
    }

    static synchronized MongoClient client() {
        if (client == null) {
            client = MongoClients.create(TestInfrastructure.mongoUri());
        }
        return client;
    }

    /** A database no other test uses; drop it when done. */
    static MongoDatabase fresh(String purpose) {
        String suffix = UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        return client().getDatabase(("es_" + purpose + "_" + suffix).toLowerCase(Locale.ROOT));
    }
}
