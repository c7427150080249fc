package io.aftersales.platform.eventstore;

import static io.aftersales.platform.eventstore.TestEvents.engineOn;
import static io.aftersales.platform.eventstore.TestEvents.noted;
import static io.aftersales.platform.eventstore.TestEvents.texts;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mongodb.client.MongoDatabase;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Storing and reading events, snapshots and tokens, and the stored layout. */
class MongoEventStorageEngineIT {

    private MongoDatabase database;
    private TestClock clock;

    @BeforeEach
    void freshDatabase() {
        database = TestDatabases.fresh("engine");
        clock = TestClock.install();
    }

    @AfterEach
    void dropDatabase() {
        TestClock.uninstall();
        database.drop();
    }

    @Test
    void events_of_an_aggregate_are_read_back_in_order_across_batches_with_all_their_fields() {
        MongoEventStorageEngine engine = engineOn(database).batchSize(4).build();
        List<DomainEventMessage<?>> written = new ArrayList<>();
        for (long sequence = 0; sequence < 11; sequence += 2) {
            DomainEventMessage<?> even = noted("note", sequence);
            DomainEventMessage<?> odd = noted("note", sequence + 1);
            engine.appendEvents(even, odd, noted("other-" + sequence, 0));
            written.add(even);
            written.add(odd);
        }

        List<? extends DomainEventMessage<?>> read = engine.readEvents("note").asStream().toList();

        assertThat(read).hasSize(12);
        for (int i = 0; i < read.size(); i++) {
            DomainEventMessage<?> expected = written.get(i);
            DomainEventMessage<?> actual = read.get(i);
            assertThat(actual.getSequenceNumber()).isEqualTo(i);
            assertThat(actual.getIdentifier()).isEqualTo(expected.getIdentifier());
            assertThat(actual.getType()).isEqualTo(TestEvents.AGGREGATE_TYPE);
            assertThat(actual.getAggregateIdentifier()).isEqualTo("note");
            assertThat(actual.getPayload()).isEqualTo(expected.getPayload());
            assertThat(actual.getMetaData()).isEqualTo(MetaData.with("actor", "system"));
            assertThat(actual.getTimestamp()).isEqualTo(expected.getTimestamp().truncatedTo(ChronoUnit.MILLIS));
        }
        assertThat(engine.readEvents("note", 7).asStream().map(DomainEventMessage::getSequenceNumber))
                .containsExactly(7L, 8L, 9L, 10L, 11L);
    }

    @Test
    void last_sequence_number_is_the_highest_of_the_aggregate_and_empty_for_an_unknown_one() {
        MongoEventStorageEngine engine = engineOn(database).build();
        engine.appendEvents(noted("a", 0), noted("b", 0));
        engine.appendEvents(noted("a", 1), noted("a", 2));
        engine.appendEvents(noted("b", 1));

        assertThat(engine.lastSequenceNumberFor("a")).contains(2L);
        assertThat(engine.lastSequenceNumberFor("b")).contains(1L);
        assertThat(engine.lastSequenceNumberFor("unknown")).isEmpty();
    }

    @Test
    void latest_snapshot_is_read_back_and_never_replaced_by_an_older_one() {
        MongoEventStorageEngine engine = engineOn(database).build();
        assertThat(engine.readSnapshot("note")).isEmpty();

        engine.storeSnapshot(snapshot("note", 5, "at 5"));
        engine.storeSnapshot(snapshot("note", 9, "at 9"));
        engine.storeSnapshot(snapshot("note", 7, "at 7, written late"));
        engine.storeSnapshot(snapshot("other", 1, "other at 1"));

        DomainEventMessage<?> snapshot = engine.readSnapshot("note").orElseThrow();
        assertThat(snapshot.getSequenceNumber()).isEqualTo(9);
        assertThat(((TestEvents.Noted) snapshot.getPayload()).text()).isEqualTo("at 9");
        assertThat(snapshot.getType()).isEqualTo(TestEvents.AGGREGATE_TYPE);
        assertThat(database.getCollection("snapshotevents").countDocuments()).isEqualTo(2);
    }

    @Test
    void aggregate_stream_starts_at_its_snapshot_followed_by_the_later_events() {
        MongoEventStorageEngine engine = engineOn(database).build();
        for (long sequence = 0; sequence < 6; sequence++) {
            engine.appendEvents(noted("note", sequence));
        }
        engine.storeSnapshot(snapshot("note", 3, "state at 3"));
        EmbeddedEventStore eventStore = EmbeddedEventStore.builder().storageEngine(engine).build();
        try {
            List<String> stream = eventStore.readEvents("note").asStream()
                                            .map(event -> ((TestEvents.Noted) event.getPayload()).text())
                                            .toList();

            assertThat(stream).containsExactly("state at 3", "note#4", "note#5");
        } finally {
            eventStore.shutDown();
        }
    }

    @Test
    void tail_head_and_point_in_time_tokens_start_where_they_should() {
        MongoEventStorageEngine engine = engineOn(database).build();
        assertThat(engine.createHeadToken()).isEqualTo(GapAwareTrackingToken.newInstance(0, List.of()));
        engine.appendEvents(noted("a", 0), noted("a", 1));
        clock.advance(Duration.ofMinutes(1));
        Instant between = clock.instant();
        clock.advance(Duration.ofMinutes(1));
        engine.appendEvents(noted("b", 0));
        engine.appendEvents(noted("c", 0));

        assertThat(trackFrom(engine, engine.createTailToken())).containsExactly("a#0", "a#1", "b#0", "c#0");
        assertThat(trackFrom(engine, engine.createTokenAt(between))).containsExactly("b#0", "c#0");
        assertThat(engine.createTokenAt(between)).isEqualTo(GapAwareTrackingToken.newInstance(2, List.of()));
        TrackingToken head = engine.createHeadToken();
        assertThat(head).isEqualTo(GapAwareTrackingToken.newInstance(4, List.of()));
        assertThat(trackFrom(engine, head)).isEmpty();
        assertThat(trackFrom(engine, engine.createTokenAt(clock.instant().plusSeconds(60)))).isEmpty();

        engine.appendEvents(noted("d", 0));
        assertThat(trackFrom(engine, head)).containsExactly("d#0");
    }

    @Test
    void commit_larger_than_the_batch_size_is_tracked_completely_and_in_order() {
        MongoEventStorageEngine engine = engineOn(database).batchSize(3).build();
        engine.appendEvents(Stream.iterate(0L, sequence -> sequence + 1).limit(10)
                                  .map(sequence -> noted("big", sequence)).toList());
        engine.appendEvents(noted("after", 0));

        List<TrackedEventMessage<?>> tracked = engine.readEvents(engine.createTailToken(), false)
                                                      .<TrackedEventMessage<?>>map(event -> event).toList();

        assertThat(texts(tracked)).containsExactly("big#0", "big#1", "big#2", "big#3", "big#4", "big#5",
                                                   "big#6", "big#7", "big#8", "big#9", "after#0");
        assertThat(tracked).extracting(event -> ((GapAwareTrackingToken) event.trackingToken()).getIndex())
                           .containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L, 11L);
    }

    @Test
    void event_without_aggregate_is_stored_and_tracked_as_a_plain_event() {
        MongoEventStorageEngine engine = engineOn(database).build();
        GenericEventMessage<TestEvents.Noted> plain =
                new GenericEventMessage<>(new TestEvents.Noted("deadline", "reminder due"));
        engine.appendEvents(plain, noted("a", 0));

        List<? extends TrackedEventMessage<?>> tracked =
                engine.readEvents(engine.createTailToken(), false).toList();

        assertThat(texts(tracked)).containsExactly("reminder due", "a#0");
        assertThat(tracked.get(0)).isNotInstanceOf(DomainEventMessage.class);
        assertThat(tracked.get(0).getIdentifier()).isEqualTo(plain.getIdentifier());
        assertThat(tracked.get(1)).isInstanceOf(DomainEventMessage.class);
    }

    @Test
    void one_commit_is_one_document_with_json_payload_strings_and_its_global_index_range() {
        MongoEventStorageEngine engine = engineOn(database).build();
        engine.appendEvents(noted("a", 0));
        engine.appendEvents(noted("b", 0, "first"), noted("b", 1, "second"));

        Document commit = database.getCollection("domainevents").find(new Document("_id", 2L)).first();

        assertThat(commit).isNotNull();
        assertThat(commit.getLong("lastIndex")).isEqualTo(3L);
        List<Document> events = commit.getList("events", Document.class);
        assertThat(events).extracting(event -> event.getLong("globalIndex")).containsExactly(2L, 3L);
        Document first = events.get(0);
        assertThat(first.getString("payload")).isEqualTo("{\"noteId\":\"b\",\"text\":\"first\"}");
        assertThat(first.getString("metaData")).isEqualTo("{\"actor\":\"system\"}");
        assertThat(first.getString("payloadType")).isEqualTo(TestEvents.Noted.class.getName());
        assertThat(first.getString("aggregateType")).isEqualTo(TestEvents.AGGREGATE_TYPE);
        assertThat(first.getString("aggregateIdentifier")).isEqualTo("b");
        assertThat(first.getLong("sequenceNumber")).isZero();
        assertThat(first.get("timestamp")).isInstanceOf(Date.class);
        assertThat(commit.getList("sequenceKeys", Document.class))
                .containsExactly(new Document("aggregateIdentifier", "b").append("sequenceNumber", 0L),
                                 new Document("aggregateIdentifier", "b").append("sequenceNumber", 1L));
        assertThat(database.getCollection("eventcounters").find().first())
                .isEqualTo(new Document("_id", "domainevents").append("value", 3L));
    }

    @Test
    void stored_json_payload_is_upcast_as_a_json_tree_when_read() {
        engineOn(database).build().appendEvents(new GenericDomainEventMessage<>(
                TestEvents.AGGREGATE_TYPE, "note", 0, new NotedBeforeRename("note", "written by v0")));

        MongoEventStorageEngine upcasting = engineOn(database).upcasterChain(new RenameNotedBeforeRename()).build();

        assertThat(upcasting.readEvents("note").asStream().<Object>map(DomainEventMessage::getPayload))
                .containsExactly(new TestEvents.Noted("note", "written by v0"));
        assertThat(trackFrom(upcasting, upcasting.createTailToken())).containsExactly("written by v0");
    }

    /** The shape {@link TestEvents.Noted} had before its {@code text} was called {@code body}. */
    record NotedBeforeRename(String noteId, String body) {
    }

    private static final class RenameNotedBeforeRename extends SingleEventUpcaster {

        private static final SimpleSerializedType OLD = new SimpleSerializedType(NotedBeforeRename.class.getName(), null);
        private static final SimpleSerializedType NEW = new SimpleSerializedType(TestEvents.Noted.class.getName(), null);

        @Override
        protected boolean canUpcast(IntermediateEventRepresentation representation) {
            return representation.getType().equals(OLD);
        }

        @Override
        protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation representation) {
            return representation.upcastPayload(NEW, JsonNode.class, json -> {
                ObjectNode payload = (ObjectNode) json;
                payload.set("text", payload.remove("body"));
                return payload;
            });
        }
    }

    @Test
    void indexes_are_created_once_and_rebuilding_the_engine_changes_nothing() {
        engineOn(database).build();
        List<Document> eventIndexes = indexes("domainevents");
        List<Document> snapshotIndexes = indexes("snapshotevents");

        engineOn(database).build().ensureIndexes();

        assertThat(indexes("domainevents")).isEqualTo(eventIndexes);
        assertThat(indexes("snapshotevents")).isEqualTo(snapshotIndexes);
        assertThat(eventIndexes).filteredOn(index -> Boolean.TRUE.equals(index.get("unique")))
                                .extracting(index -> index.get("key", Document.class).keySet())
                                .containsExactlyInAnyOrder(Set.of("lastIndex"),
                                                           Set.of("events.globalIndex"),
                                                           Set.of("events.eventIdentifier"),
                                                           Set.of("sequenceKeys"));
        assertThat(snapshotIndexes).filteredOn(index -> Boolean.TRUE.equals(index.get("unique")))
                                   .extracting(index -> index.get("key", Document.class).keySet())
                                   .containsExactly(Set.of("aggregateIdentifier"));
    }

    @Test
    void counter_lost_or_behind_the_stored_events_is_moved_past_them_when_the_engine_is_built() {
        engineOn(database).build().appendEvents(noted("a", 0), noted("a", 1));
        database.getCollection("eventcounters").drop();

        MongoEventStorageEngine rebuilt = engineOn(database).build();
        rebuilt.appendEvents(noted("b", 0));

        assertThat(trackFrom(rebuilt, rebuilt.createTailToken())).containsExactly("a#0", "a#1", "b#0");
        assertThat(rebuilt.createHeadToken()).isEqualTo(GapAwareTrackingToken.newInstance(3, List.of()));
    }

    @Test
    void counter_set_back_while_running_costs_a_retry_and_never_a_lost_or_misfiled_event() {
        MongoEventStorageEngine engine = engineOn(database).build();
        engine.appendEvents(noted("a", 0), noted("a", 1), noted("a", 2));
        database.getCollection("eventcounters")
                .updateOne(new Document("_id", "domainevents"), new Document("$set", new Document("value", 1L)));

        engine.appendEvents(noted("b", 0));

        assertThat(trackFrom(engine, engine.createTailToken())).containsExactly("a#0", "a#1", "a#2", "b#0");
        assertThat(engine.readEvents("b").asStream()).hasSize(1);
        assertThat(engine.createHeadToken()).isEqualTo(GapAwareTrackingToken.newInstance(4, List.of()));
    }

    @Test
    void collection_names_are_configurable() {
        MongoEventStorageEngine engine = engineOn(database).domainEventCollectionName("events_x")
                                                           .snapshotCollectionName("snapshots_x")
                                                           .counterCollectionName("counters_x")
                                                           .build();
        engine.appendEvents(noted("a", 0));
        engine.storeSnapshot(snapshot("a", 0, "state"));

        assertThat(database.getCollection("events_x").countDocuments()).isEqualTo(1);
        assertThat(database.getCollection("snapshots_x").countDocuments()).isEqualTo(1);
        assertThat(database.getCollection("counters_x").find().first()).isEqualTo(
                new Document("_id", "events_x").append("value", 1L));
        assertThat(database.listCollectionNames()).doesNotContain("domainevents", "snapshotevents", "eventcounters");
    }

    private List<Document> indexes(String collection) {
        return database.getCollection(collection).listIndexes().into(new ArrayList<>());
    }

    private static DomainEventMessage<TestEvents.Noted> snapshot(String aggregateId, long sequenceNumber,
                                                                 String state) {
        return new GenericDomainEventMessage<>(TestEvents.AGGREGATE_TYPE, aggregateId, sequenceNumber,
                                               new TestEvents.Noted(aggregateId, state));
    }

    private static List<String> trackFrom(MongoEventStorageEngine engine, TrackingToken token) {
        try (Stream<? extends TrackedEventMessage<?>> events = engine.readEvents(token, false)) {
            return texts(events.toList());
        }
    }
}
