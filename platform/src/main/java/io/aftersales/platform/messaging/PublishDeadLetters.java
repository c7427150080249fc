package io.aftersales.platform.messaging;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.common.InvalidRecordException;
import org.apache.kafka.common.errors.RecordBatchTooLargeException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SerializationException;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.Date;

/**
 * Events the relay can never publish: a record over the producer's {@code max.request.size} or
 * the broker's {@code message.max.bytes}, or data that cannot be serialized. Retrying those would
 * stop the relay for good, so each is parked here, in the collection {@value #COLLECTION} of the
 * service's database (one document per event id: type, aggregate, sequence number, reason, when),
 * logged at ERROR and counted by the gauge {@code aftersales_publish_dead_letters}, and the relay
 * goes on with the next event. The event itself stays in the event store. Every other failure
 * (broker down, timeouts) is retried by the relay until it succeeds.
 */
public class PublishDeadLetters {

    public static final String COLLECTION = "publish_dead_letters";

    private static final Logger LOG = LoggerFactory.getLogger(PublishDeadLetters.class);

    private final MongoCollection<Document> parked;

    public PublishDeadLetters(MongoDatabase database, MeterRegistry meterRegistry) {
        this.parked = database.getCollection(COLLECTION);
        Gauge.builder("aftersales_publish_dead_letters", this, PublishDeadLetters::countOrNaN)
                .description("Events the relay parked because they can never be published (too large, unserializable)")
                .register(meterRegistry);
    }

    /** Whether a send failed for a reason that no retry can cure. */
    public static boolean isUnpublishable(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof RecordTooLargeException || t instanceof RecordBatchTooLargeException
                    || t instanceof SerializationException || t instanceof InvalidRecordException
                    || t instanceof com.fasterxml.jackson.core.JsonProcessingException) {
                return true;
            }
        }
        return false;
    }

    public void park(EventMessage<?> event, String type, String topic, Throwable reason) {
        String aggregate = event instanceof DomainEventMessage<?> domain ? domain.getAggregateIdentifier() : null;
        Long sequence = event instanceof DomainEventMessage<?> domain ? domain.getSequenceNumber() : null;
        String why = describe(reason);
        LOG.error("Event {} ({}, aggregate {} #{}) can never be published to {} and is parked in {}: {}",
                event.getIdentifier(), type, aggregate, sequence, topic, COLLECTION, why);
        parked.replaceOne(Filters.eq("_id", event.getIdentifier()), new Document("_id", event.getIdentifier())
                        .append("type", type)
                        .append("payloadType", event.getPayloadType().getName())
                        .append("aggregateIdentifier", aggregate)
                        .append("sequenceNumber", sequence)
                        .append("topic", topic)
                        .append("reason", why)
                        .append("parkedAt", Date.from(Instant.now())),
                new ReplaceOptions().upsert(true));
    }

    private static String describe(Throwable reason) {
        StringBuilder text = new StringBuilder();
        for (Throwable t = reason; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (!text.isEmpty()) {
                text.append(" <- ");
            }
            text.append(t.getClass().getSimpleName()).append(": ").append(t.getMessage());
        }
        return text.length() > 2000 ? text.substring(0, 2000) : text.toString();
    }

    private double countOrNaN() {
        try {
            return parked.countDocuments();
        } catch (RuntimeException e) {
            return Double.NaN;
        }
    }
}
