package io.aftersales.platform.axon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import com.mongodb.ReadConcern;
import com.mongodb.WriteConcern;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import io.aftersales.platform.eventstore.MongoEventStorageEngine;
import io.aftersales.testing.TestInfrastructure;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.serialization.upcasting.event.EventUpcaster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** The event store's collections write and read with majority by default, and as configured otherwise. */
class EventStoreConcernsIT {

    private static MongoClient client;
    private static MongoDatabase database;

    @BeforeAll
    static void connect() {
        // the client's own default is acknowledged (w:1) with the server's read concern
        client = MongoClients.create(TestInfrastructure.mongoUri());
        database = client.getDatabase("es_concerns");
    }

    @AfterAll
    static void drop() {
        database.drop();
        client.close();
    }

    @Test
    void event_store_collections_use_majority_write_and_read_concern_by_default() {
        MongoEventStorageEngine engine = engineFrom(Map.of());

        assertThat(engine.writeConcern()).isEqualTo(WriteConcern.MAJORITY);
        assertThat(engine.readConcern()).isEqualTo(ReadConcern.MAJORITY);
    }

    @Test
    void event_store_concerns_are_configured_by_property() {
        MongoEventStorageEngine engine = engineFrom(Map.of("aftersales.event-store.write-concern", "w1",
                                                           "aftersales.event-store.read-concern", "local"));

        assertThat(engine.writeConcern()).isEqualTo(WriteConcern.W1);
        assertThat(engine.readConcern()).isEqualTo(ReadConcern.LOCAL);
        assertThatThrownBy(() -> engineFrom(Map.of("aftersales.event-store.write-concern", "most")))
                .hasMessageContaining("unknown write concern");
    }

    private static MongoEventStorageEngine engineFrom(Map<String, String> properties) {
        EventStoreProperties bound = new Binder(new MapConfigurationPropertySource(properties))
                .bindOrCreate("aftersales.event-store", EventStoreProperties.class);
        Serializer serializer = JacksonSerializer.defaultSerializer();
        return (MongoEventStorageEngine) new AxonMongoConfiguration().eventStorageEngine(
                database, serializer, serializer,
                new StaticListableBeanFactory().getBeanProvider(EventUpcaster.class), bound);
    }
}
