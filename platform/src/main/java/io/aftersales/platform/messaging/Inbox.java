package io.aftersales.platform.messaging;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.bson.Document;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Makes a Kafka consumer act once per CloudEvent id. The id is recorded after the handler
 * succeeded, so a crash in between redelivers the event; handlers therefore turn events into
 * commands that are idempotent by their business key (the second time they change nothing), and
 * the record here spares the work in the common case of a plain redelivery.
 */
public class Inbox {

    static final String COLLECTION = "inbox";

    private final MongoCollection<Document> processed;
    private final MeterRegistry meterRegistry;

    public Inbox(MongoDatabase database, Duration retention, MeterRegistry meterRegistry) {
        this.processed = database.getCollection(COLLECTION);
        this.meterRegistry = meterRegistry;
        processed.createIndex(Indexes.ascending("processedAt"),
                new IndexOptions().name("inbox_retention").expireAfter(retention.toSeconds(), TimeUnit.SECONDS));
    }

    /**
     * Hands a record to {@code handler} unless {@code consumer} already processed an event with the
     * same CloudEvents id. A record that is not a CloudEvent throws {@link MalformedMessageException}.
     */
    public void receive(String consumer, ConsumerRecord<String, byte[]> record, Consumer<InboundCloudEvent> handler) {
        InboundCloudEvent event = InboundCloudEvent.from(record);
        String key = consumer + "/" + event.id();
        if (processed.find(Filters.eq("_id", key)).limit(1).first() != null) {
            count(consumer, event, "duplicate");
            return;
        }
        handler.accept(event);
        try {
            processed.insertOne(new Document("_id", key)
                    .append("consumer", consumer)
                    .append("type", event.type())
                    .append("processedAt", Date.from(Instant.now())));
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
        }
        count(consumer, event, "processed");
    }

    /**
     * As {@link #receive}, for a consumer that acts on only some types of a topic: a record whose
     * {@code ce_type} header names another type is passed over before any read or write (a topic
     * carries every event of its producer, and most are not the consumer's). A record without the
     * header goes through {@link #receive}, which refuses it as malformed.
     */
    public void receive(String consumer, ConsumerRecord<String, byte[]> record, Set<String> types,
                        Consumer<InboundCloudEvent> handler) {
        Header type = record.headers().lastHeader(CloudEventHeaders.TYPE);
        if (type != null && type.value() != null && !types.contains(new String(type.value(), StandardCharsets.UTF_8))) {
            return;
        }
        receive(consumer, record, handler);
    }

    private void count(String consumer, InboundCloudEvent event, String outcome) {
        meterRegistry.counter("aftersales_inbox_messages", "consumer", consumer, "type", event.type(), "outcome", outcome)
                .increment();
    }
}
