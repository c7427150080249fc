package io.aftersales.embedded;

import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.bson.Document;
import io.netty.channel.Channel;
import org.h2.mvstore.MVStore;

/**
 * mongo-java-server's H2 backend, also answering {@code hello} (the successor of {@code isMaster}
 * since MongoDB 4.4/5.0), which mongo-java-server 1.47 does not know: Spring Boot's
 * {@code MongoHealthIndicator} and {@code mongosh} send it.
 */
final class HelloCompatibleH2Backend extends H2Backend {

    HelloCompatibleH2Backend(MVStore store) {
        super(store);
    }

    HelloCompatibleH2Backend(String fileName) {
        super(fileName);
    }

    static HelloCompatibleH2Backend createInMemory() {
        return new HelloCompatibleH2Backend(MVStore.open(null));
    }

    @Override
    public Document handleCommand(Channel channel, String databaseName, String command, Document query) {
        if ("hello".equalsIgnoreCase(command)) {
            Document response = super.handleCommand(channel, databaseName, "isMaster", query);
            response.put("isWritablePrimary", Boolean.TRUE);
            return response;
        }
        return super.handleCommand(channel, databaseName, command, query);
    }
}
