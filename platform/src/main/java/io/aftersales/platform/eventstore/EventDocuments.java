package io.aftersales.platform.eventstore;

import java.util.Date;

import org.axonframework.eventhandling.DomainEventData;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.bson.Document;

/**
 * The stored shape of events, commits and snapshots (see ADR 0001).
 *
 * <pre>
 * domainevents   { _id: firstIndex, lastIndex, events: [event...], sequenceKeys: [{aggregateIdentifier, sequenceNumber}...] }
 * event          { globalIndex, eventIdentifier, aggregateType, aggregateIdentifier, sequenceNumber,
 *                  timestamp (BSON date), payloadType, payloadRevision, payload (string), metaData (string) }
 * snapshotevents { aggregateIdentifier, sequenceNumber, eventIdentifier, aggregateType, timestamp,
 *                  payloadType, payloadRevision, payload, metaData }
 * eventcounters  { _id: name of the event collection, value: last global index handed out }
 * </pre>
 */
final class EventDocuments {

    static final String ID = "_id";
    static final String LAST_INDEX = "lastIndex";
    static final String EVENTS = "events";
    static final String SEQUENCE_KEYS = "sequenceKeys";

    static final String GLOBAL_INDEX = "globalIndex";
    static final String EVENT_IDENTIFIER = "eventIdentifier";
    static final String AGGREGATE_TYPE = "aggregateType";
    static final String AGGREGATE_IDENTIFIER = "aggregateIdentifier";
    static final String SEQUENCE_NUMBER = "sequenceNumber";
    static final String TIMESTAMP = "timestamp";
    static final String PAYLOAD_TYPE = "payloadType";
    static final String PAYLOAD_REVISION = "payloadRevision";
    static final String PAYLOAD = "payload";
    static final String META_DATA = "metaData";

    static final String COUNTER_VALUE = "value";

    private EventDocuments() {
    }

    /**
     * The event itself if it belongs to an aggregate; otherwise the event as a domain event of no
     * type whose aggregate is its own identifier, at sequence 0, as Axon's JDBC and JPA engines
     * store such events.
     */
    static <T> DomainEventMessage<T> asDomainEventMessage(EventMessage<T> event) {
        return event instanceof DomainEventMessage<T> domainEvent
                ? domainEvent
                : new GenericDomainEventMessage<>(null, event.getIdentifier(), 0L, event, event::getTimestamp);
    }

    /** The event (or snapshot) as a document, payload and metadata serialized to strings. */
    static Document eventDocument(DomainEventMessage<?> event, Serializer serializer) {
        SerializedObject<String> payload = event.serializePayload(serializer, String.class);
        SerializedObject<String> metaData = event.serializeMetaData(serializer, String.class);
        return new Document(EVENT_IDENTIFIER, event.getIdentifier())
                .append(AGGREGATE_TYPE, event.getType())
                .append(AGGREGATE_IDENTIFIER, event.getAggregateIdentifier())
                .append(SEQUENCE_NUMBER, event.getSequenceNumber())
                .append(TIMESTAMP, Date.from(event.getTimestamp()))
                .append(PAYLOAD_TYPE, payload.getType().getName())
                .append(PAYLOAD_REVISION, payload.getType().getRevision())
                .append(PAYLOAD, payload.getData())
                .append(META_DATA, metaData.getData());
    }

    /** The unique key that makes a second writer of the same aggregate sequence number fail. */
    static Document sequenceKey(String aggregateIdentifier, long sequenceNumber) {
        return new Document(AGGREGATE_IDENTIFIER, aggregateIdentifier).append(SEQUENCE_NUMBER, sequenceNumber);
    }

    static Document sequenceKey(DomainEventMessage<?> event) {
        return sequenceKey(event.getAggregateIdentifier(), event.getSequenceNumber());
    }

    /**
     * The stored event as Axon's serialized event data. An event stored without an aggregate
     * (Axon gives it its own identifier as aggregate identifier and no type) comes back without
     * aggregate identifier, so that it is read as a plain event message again.
     */
    static DomainEventData<String> eventData(Document event) {
        String type = event.getString(AGGREGATE_TYPE);
        String eventIdentifier = event.getString(EVENT_IDENTIFIER);
        String aggregateIdentifier = event.getString(AGGREGATE_IDENTIFIER);
        if (type == null && eventIdentifier.equals(aggregateIdentifier)) {
            aggregateIdentifier = null;
        }
        return new GenericDomainEventEntry<>(type,
                                             aggregateIdentifier,
                                             longValue(event, SEQUENCE_NUMBER),
                                             eventIdentifier,
                                             event.getDate(TIMESTAMP).toInstant(),
                                             event.getString(PAYLOAD_TYPE),
                                             event.getString(PAYLOAD_REVISION),
                                             event.getString(PAYLOAD),
                                             event.getString(META_DATA));
    }

    static long longValue(Document document, String field) {
        return ((Number) document.get(field)).longValue();
    }
}
