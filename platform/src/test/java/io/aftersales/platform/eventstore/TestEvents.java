package io.aftersales.platform.eventstore;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.mongodb.client.MongoDatabase;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;

/** Events and serializers for the storage engine tests. */
final class TestEvents {

    static final String AGGREGATE_TYPE = "Note";

    /** The payload of every test event. */
    record Noted(String noteId, String text) {
    }

    private static final Serializer JACKSON = JacksonSerializer.defaultSerializer();

    private TestEvents() {
    }

    static Serializer jackson() {
        return JACKSON;
    }

    /** An engine builder on {@code database} with Jackson for events and snapshots. */
    static MongoEventStorageEngine.Builder engineOn(MongoDatabase database) {
        return MongoEventStorageEngine.builder()
                                      .mongoDatabase(database)
                                      .eventSerializer(JACKSON)
                                      .snapshotSerializer(JACKSON);
    }

    static DomainEventMessage<Noted> noted(String aggregateId, long sequenceNumber) {
        return noted(aggregateId, sequenceNumber, aggregateId + "#" + sequenceNumber);
    }

    static DomainEventMessage<Noted> noted(String aggregateId, long sequenceNumber, String text) {
        return new GenericDomainEventMessage<>(AGGREGATE_TYPE, aggregateId, sequenceNumber,
                                               new Noted(aggregateId, text), MetaData.with("actor", "system"));
    }

    /** An event stamped {@code timestamp} by its writer, as a writer whose clock is off stamps it. */
    static DomainEventMessage<Noted> notedAt(String aggregateId, long sequenceNumber, Instant timestamp) {
        return new GenericDomainEventMessage<>(AGGREGATE_TYPE, aggregateId, sequenceNumber,
                                               new Noted(aggregateId, aggregateId + "#" + sequenceNumber),
                                               MetaData.with("actor", "system"), UUID.randomUUID().toString(),
                                               timestamp);
    }

    static String text(TrackedEventMessage<?> message) {
        return ((Noted) message.getPayload()).text();
    }

    static List<String> texts(List<? extends TrackedEventMessage<?>> messages) {
        return messages.stream().map(TestEvents::text).toList();
    }
}
