package io.aftersales.platform.eventstore;

import static com.mongodb.client.model.Accumulators.max;
import static com.mongodb.client.model.Aggregates.group;
import static com.mongodb.client.model.Aggregates.match;
import static com.mongodb.client.model.Aggregates.unwind;
import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.gt;
import static com.mongodb.client.model.Filters.gte;
import static com.mongodb.client.model.Filters.in;
import static com.mongodb.client.model.Filters.lt;
import static com.mongodb.client.model.Projections.include;
import static com.mongodb.client.model.Sorts.ascending;
import static com.mongodb.client.model.Sorts.descending;
import static io.aftersales.platform.eventstore.EventDocuments.AGGREGATE_IDENTIFIER;
import static io.aftersales.platform.eventstore.EventDocuments.COUNTER_VALUE;
import static io.aftersales.platform.eventstore.EventDocuments.EVENTS;
import static io.aftersales.platform.eventstore.EventDocuments.EVENT_IDENTIFIER;
import static io.aftersales.platform.eventstore.EventDocuments.GLOBAL_INDEX;
import static io.aftersales.platform.eventstore.EventDocuments.ID;
import static io.aftersales.platform.eventstore.EventDocuments.LAST_INDEX;
import static io.aftersales.platform.eventstore.EventDocuments.SEQUENCE_KEYS;
import static io.aftersales.platform.eventstore.EventDocuments.SEQUENCE_NUMBER;
import static io.aftersales.platform.eventstore.EventDocuments.TIMESTAMP;
import static io.aftersales.platform.eventstore.EventDocuments.asDomainEventMessage;
import static io.aftersales.platform.eventstore.EventDocuments.eventData;
import static io.aftersales.platform.eventstore.EventDocuments.eventDocument;
import static io.aftersales.platform.eventstore.EventDocuments.longValue;
import static io.aftersales.platform.eventstore.EventDocuments.sequenceKey;
import static org.axonframework.common.BuilderUtils.assertNonEmpty;
import static org.axonframework.common.BuilderUtils.assertNonNull;
import static org.axonframework.common.BuilderUtils.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentNavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.LongStream;
import java.util.stream.Stream;

import com.mongodb.MongoException;
import com.mongodb.ReadConcern;
import com.mongodb.WriteConcern;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoCursor;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import org.axonframework.common.Assert;
import org.axonframework.common.AxonConfigurationException;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.eventhandling.DomainEventData;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.TrackedDomainEventData;
import org.axonframework.eventhandling.TrackedEventData;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.BatchingEventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStoreException;
import org.axonframework.eventsourcing.snapshotting.SnapshotFilter;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.upcasting.event.EventUpcaster;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Axon {@link org.axonframework.eventsourcing.eventstore.EventStorageEngine} on MongoDB
 * (mongodb-driver-sync) whose tracking processors never skip an event that becomes visible late.
 *
 * <p>Unlike axon-mongo's engine, which tracks by timestamp with a short look-back, every event
 * gets a global index from a counter document ({@code findOneAndUpdate} + {@code $inc} by the
 * size of the commit) and tracking uses Axon's {@link GapAwareTrackingToken}, as Axon's
 * {@code JdbcEventStorageEngine} does: an index that was handed out but is not visible yet is
 * kept as a gap in the token and read again on every fetch until it appears, or until this engine
 * has seen it missing for longer than the gap timeout (by its own clock, not the events'
 * timestamps) and gives it up. A fetch delivers in global-index order and never delivers an
 * aggregate's event before an earlier one of the same aggregate (see {@link #fetchTrackedEvents}).
 *
 * <p>All events of one {@link #appendEvents(List, Serializer) append} (one unit of work) are
 * stored in <em>one document</em>, so a commit becomes visible completely or not at all without
 * multi-document transactions. Optimistic concurrency comes from a unique multikey index on the
 * commit's {@code (aggregateIdentifier, sequenceNumber)} pairs: a second writer of a sequence
 * number gets a {@link org.axonframework.modelling.command.ConcurrencyException} (an
 * {@link org.axonframework.modelling.command.AggregateStreamCreationException} for sequence 0).
 * Snapshots live in a separate collection, one document per aggregate, never replaced by an older
 * one. The layout is described in {@link EventDocuments} and ADR 0001.
 *
 * <p>Payload and metadata are stored as the strings the serializer produces (JSON with Axon's
 * {@code JacksonSerializer}). Indexes are created when the engine is built
 * ({@link #ensureIndexes()}, idempotent).
 */
public class MongoEventStorageEngine extends BatchingEventStorageEngine {

    /** Default name of the collection holding one document per commit. */
    public static final String DEFAULT_DOMAIN_EVENT_COLLECTION = "domainevents";
    /** Default name of the collection holding the latest snapshot of each aggregate. */
    public static final String DEFAULT_SNAPSHOT_COLLECTION = "snapshotevents";
    /** Default name of the collection holding the global index counter. */
    public static final String DEFAULT_COUNTER_COLLECTION = "eventcounters";

    private static final Logger logger = LoggerFactory.getLogger(MongoEventStorageEngine.class);

    /** The first global index the counter hands out. */
    private static final long LOWEST_GLOBAL_INDEX = 1;
    private static final Duration DEFAULT_GAP_TIMEOUT = Duration.ofMinutes(1);
    private static final int DEFAULT_MAX_GAP_OFFSET = 10_000;
    private static final int DEFAULT_GAP_CLEANING_THRESHOLD = 0;
    private static final String EVENTS_GLOBAL_INDEX = EVENTS + "." + GLOBAL_INDEX;
    private static final String EVENTS_AGGREGATE_IDENTIFIER = EVENTS + "." + AGGREGATE_IDENTIFIER;
    private static final String EVENTS_EVENT_IDENTIFIER = EVENTS + "." + EVENT_IDENTIFIER;
    private static final int MAX_INDEX_ALLOCATION_ATTEMPTS = 10;
    private static final int MAX_REMEMBERED_GAPS = 100_000;

    private final MongoCollection<Document> domainEvents;
    private final MongoCollection<Document> snapshots;
    private final MongoCollection<Document> counters;
    private final String counterId;
    private final Duration gapTimeout;
    private final int maxGapOffset;
    private final int gapCleaningThreshold;
    private final Clock clock;
    /** When this engine first saw each global index missing below a visible one (by {@link #clock}). */
    private final ConcurrentNavigableMap<Long, Instant> gapsFirstSeen = new ConcurrentSkipListMap<>();
    private volatile Instant lastForgetting;

    /**
     * Instantiates the engine from the {@link Builder} and creates its indexes.
     *
     * @param builder the builder, validated here
     */
    protected MongoEventStorageEngine(Builder builder) {
        super(builder);
        MongoDatabase database = builder.mongoDatabase.withWriteConcern(builder.writeConcern)
                                                      .withReadConcern(builder.readConcern);
        this.domainEvents = database.getCollection(builder.domainEventCollectionName);
        this.snapshots = database.getCollection(builder.snapshotCollectionName);
        this.counters = database.getCollection(builder.counterCollectionName);
        this.counterId = builder.domainEventCollectionName;
        this.gapTimeout = builder.gapTimeout;
        this.maxGapOffset = builder.maxGapOffset;
        this.gapCleaningThreshold = builder.gapCleaningThreshold;
        this.clock = builder.clock;
        ensureIndexes();
    }

    /**
     * A builder with these defaults: collections {@value #DEFAULT_DOMAIN_EVENT_COLLECTION},
     * {@value #DEFAULT_SNAPSHOT_COLLECTION} and {@value #DEFAULT_COUNTER_COLLECTION}; gap timeout
     * 1 minute; max gap offset 10,000; gap cleaning threshold 0 (clean whenever the token has a
     * gap); batch size 100; {@link MongoDuplicateKeyResolver}; Axon's defaults for the rest
     * (XStream serializers, no upcasters). The {@link MongoDatabase} is required.
     *
     * @return a builder for a {@link MongoEventStorageEngine}
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Creates the indexes this engine relies on and makes sure the global index counter is not
     * behind the stored events. Idempotent; called when the engine is built.
     */
    public void ensureIndexes() {
        IndexOptions unique = new IndexOptions().unique(true);
        domainEvents.createIndex(Indexes.ascending(LAST_INDEX), unique);
        domainEvents.createIndex(Indexes.ascending(EVENTS_GLOBAL_INDEX), unique);
        domainEvents.createIndex(Indexes.ascending(EVENTS_EVENT_IDENTIFIER), unique);
        domainEvents.createIndex(Indexes.ascending(SEQUENCE_KEYS), unique);
        domainEvents.createIndex(Indexes.ascending(EVENTS_AGGREGATE_IDENTIFIER));
        snapshots.createIndex(Indexes.ascending(AGGREGATE_IDENTIFIER), unique);
        realignCounter();
    }

    @Override
    protected void appendEvents(List<? extends EventMessage<?>> events, Serializer serializer) {
        if (events.isEmpty()) {
            return;
        }
        List<DomainEventMessage<?>> messages = new ArrayList<>(events.size());
        List<Document> serialized = new ArrayList<>(events.size());
        for (EventMessage<?> event : events) {
            DomainEventMessage<?> message = asDomainEventMessage(event);
            messages.add(message);
            serialized.add(eventDocument(message, serializer));
        }

        List<Document> sequenceKeys = messages.stream().map(EventDocuments::sequenceKey).toList();
        for (int attempt = 1; ; attempt++) {
            long firstIndex = allocateIndexes(messages.size());
            try {
                insertCommit(commit(firstIndex, serialized, sequenceKeys));
                return;
            } catch (MongoException e) {
                if (!MongoDuplicateKeyResolver.isDuplicateKey(e)) {
                    handlePersistenceException(e, messages.get(0));
                }
                Optional<EventMessage<?>> conflicting = conflictingEvent(messages, sequenceKeys, e);
                if (conflicting.isPresent()) {
                    handlePersistenceException(e, conflicting.get());
                }
                if (attempt == MAX_INDEX_ALLOCATION_ATTEMPTS) {
                    throw new EventStoreException("Global indexes for " + messages.size()
                                                          + " events were taken on every one of "
                                                          + attempt + " attempts", e);
                }
                logger.info("Global indexes from {} were already taken; moving the counter past the stored "
                                    + "events and allocating again", firstIndex);
                realignCounter();
            }
        }
    }

    private static Document commit(long firstIndex, List<Document> serialized, List<Document> sequenceKeys) {
        List<Document> events = new ArrayList<>(serialized.size());
        for (int i = 0; i < serialized.size(); i++) {
            Document event = new Document(GLOBAL_INDEX, firstIndex + i);
            event.putAll(serialized.get(i));
            events.add(event);
        }
        return new Document(ID, firstIndex)
                .append(LAST_INDEX, firstIndex + serialized.size() - 1)
                .append(EVENTS, events)
                .append(SEQUENCE_KEYS, sequenceKeys);
    }

    /**
     * The single write that makes a commit visible. A seam for tests that need a commit to become
     * visible late (or never), after its global indexes were handed out.
     */
    void insertCommit(Document commit) {
        domainEvents.insertOne(commit);
    }

    /** The write concern of the event, snapshot and counter collections. */
    public WriteConcern writeConcern() {
        return domainEvents.getWriteConcern();
    }

    /** The read concern of the event, snapshot and counter collections. */
    public ReadConcern readConcern() {
        return domainEvents.getReadConcern();
    }

    /**
     * Called by a fetch between reading the token's gaps and reading the events after its index.
     * A seam for tests that make a commit visible at exactly that moment.
     */
    void afterGapsRead() {
    }

    /** Hands out {@code count} consecutive global indexes and returns the first. */
    private long allocateIndexes(int count) {
        try {
            Document counter = retryOnceOnDuplicateKey(() -> counters.findOneAndUpdate(
                    eq(ID, counterId),
                    Updates.inc(COUNTER_VALUE, (long) count),
                    new FindOneAndUpdateOptions().upsert(true).returnDocument(ReturnDocument.AFTER)));
            return longValue(counter, COUNTER_VALUE) - count + 1;
        } catch (MongoException e) {
            throw new EventStoreException("Failed to allocate global indexes for " + count + " events", e);
        }
    }

    /**
     * Moves the counter past the highest stored index. Done when the engine is built, and when an
     * allocated index turns out to be taken: the counter document was lost or restored behind the
     * events, or (on mongo-java-server only) {@code findOneAndUpdate} returned a document already
     * changed by a concurrent update; the unique indexes on the global index catch both.
     */
    private void realignCounter() {
        Document newest = domainEvents.find().sort(descending(LAST_INDEX)).projection(include(LAST_INDEX)).first();
        long highestStored = newest == null ? LOWEST_GLOBAL_INDEX - 1 : longValue(newest, LAST_INDEX);
        retryOnceOnDuplicateKey(() -> counters.updateOne(eq(ID, counterId),
                                                          Updates.max(COUNTER_VALUE, highestStored),
                                                          new UpdateOptions().upsert(true)));
    }

    /** Two first upserts of the counter may race; the loser sees a duplicate key and retries. */
    private static <T> T retryOnceOnDuplicateKey(Supplier<T> write) {
        try {
            return write.get();
        } catch (MongoException e) {
            if (!MongoDuplicateKeyResolver.isDuplicateKey(e)) {
                throw e;
            }
            return write.get();
        }
    }

    /**
     * The event whose sequence number (or identifier) another commit already holds, so that Axon
     * reports the right aggregate and picks {@code AggregateStreamCreationException} only when a
     * sequence number 0 was taken. Empty if the duplicate key was a global index.
     */
    private Optional<EventMessage<?>> conflictingEvent(List<DomainEventMessage<?>> messages,
                                                       List<Document> sequenceKeys,
                                                       MongoException failure) {
        try {
            Set<Document> takenKeys = new HashSet<>();
            for (Document commit : domainEvents.find(in(SEQUENCE_KEYS, sequenceKeys))
                                               .projection(include(SEQUENCE_KEYS))) {
                takenKeys.addAll(commit.getList(SEQUENCE_KEYS, Document.class));
            }
            Set<String> takenIdentifiers = new HashSet<>();
            if (takenKeys.isEmpty()) {
                List<String> identifiers = messages.stream().map(EventMessage::getIdentifier).toList();
                for (Document commit : domainEvents.find(in(EVENTS_EVENT_IDENTIFIER, identifiers))
                                                   .projection(include(EVENTS_EVENT_IDENTIFIER))) {
                    commit.getList(EVENTS, Document.class)
                          .forEach(event -> takenIdentifiers.add(event.getString(EVENT_IDENTIFIER)));
                }
            }
            for (DomainEventMessage<?> message : messages) {
                if (takenKeys.contains(sequenceKey(message)) || takenIdentifiers.contains(message.getIdentifier())) {
                    return Optional.of(message);
                }
            }
            return Optional.empty();
        } catch (MongoException lookupFailure) {
            failure.addSuppressed(lookupFailure);
            return Optional.of(messages.get(0));
        }
    }

    @Override
    protected void storeSnapshot(DomainEventMessage<?> snapshot, Serializer serializer) {
        Document document = eventDocument(snapshot, serializer);
        try {
            // replaces only an older snapshot; if one at least as new exists the upsert hits the unique index
            snapshots.replaceOne(and(eq(AGGREGATE_IDENTIFIER, snapshot.getAggregateIdentifier()),
                                     lt(SEQUENCE_NUMBER, snapshot.getSequenceNumber())),
                                 document,
                                 new ReplaceOptions().upsert(true));
        } catch (MongoException e) {
            if (MongoDuplicateKeyResolver.isDuplicateKey(e)) {
                logger.debug("Snapshot of [{}] at sequence {} not stored: a snapshot at least as new exists",
                             snapshot.getAggregateIdentifier(), snapshot.getSequenceNumber());
                return;
            }
            handlePersistenceException(e, snapshot);
        }
    }

    @Override
    protected Stream<? extends DomainEventData<?>> readSnapshotData(String aggregateIdentifier) {
        Document snapshot = snapshots.find(eq(AGGREGATE_IDENTIFIER, aggregateIdentifier)).first();
        return snapshot == null ? Stream.empty() : Stream.of(eventData(snapshot));
    }

    /**
     * Reads the events with sequence numbers {@code firstSequenceNumber} up to (excluding)
     * {@code firstSequenceNumber + batchSize} by their keys in the unique sequence key index.
     */
    @Override
    protected List<? extends DomainEventData<?>> fetchDomainEvents(String aggregateIdentifier,
                                                                   long firstSequenceNumber,
                                                                   int batchSize) {
        long end = firstSequenceNumber + batchSize;
        List<Document> keys = LongStream.range(firstSequenceNumber, end)
                                        .mapToObj(sequenceNumber -> sequenceKey(aggregateIdentifier, sequenceNumber))
                                        .toList();
        // keyed by sequence number: ordered, and each event once even if a server returns a
        // commit once per matching key (mongo-java-server does)
        NavigableMap<Long, Document> events = new TreeMap<>();
        for (Document commit : domainEvents.find(in(SEQUENCE_KEYS, keys)).projection(include(EVENTS))) {
            for (Document event : commit.getList(EVENTS, Document.class)) {
                long sequenceNumber = longValue(event, SEQUENCE_NUMBER);
                if (aggregateIdentifier.equals(event.getString(AGGREGATE_IDENTIFIER))
                        && sequenceNumber >= firstSequenceNumber && sequenceNumber < end) {
                    events.put(sequenceNumber, event);
                }
            }
        }
        return events.values().stream().map(EventDocuments::eventData).toList();
    }

    @Override
    public Optional<Long> lastSequenceNumberFor(String aggregateIdentifier) {
        Document last = domainEvents.aggregate(List.of(
                match(eq(EVENTS_AGGREGATE_IDENTIFIER, aggregateIdentifier)),
                unwind("$" + EVENTS),
                match(eq(EVENTS_AGGREGATE_IDENTIFIER, aggregateIdentifier)),
                group(null, max("last", "$" + EVENTS + "." + SEQUENCE_NUMBER)))).first();
        return Optional.ofNullable(last).map(document -> longValue(document, "last"));
    }

    /**
     * A token before the first index the counter ever hands out, so that a processor starting at
     * the tail also waits for commits that are still in flight when it starts.
     */
    @Override
    public TrackingToken createTailToken() {
        return GapAwareTrackingToken.newInstance(LOWEST_GLOBAL_INDEX - 1, Collections.emptySet());
    }

    @Override
    public TrackingToken createHeadToken() {
        Document newest = domainEvents.find().sort(descending(LAST_INDEX)).projection(include(LAST_INDEX)).first();
        long index = newest == null ? LOWEST_GLOBAL_INDEX - 1 : longValue(newest, LAST_INDEX);
        return GapAwareTrackingToken.newInstance(index, Collections.emptySet());
    }

    /** A token just before the first event stored at or after {@code dateTime}; the head token if there is none. */
    @Override
    public TrackingToken createTokenAt(Instant dateTime) {
        Date from = Date.from(dateTime);
        Document commit = domainEvents.find(gte(EVENTS + "." + TIMESTAMP, from))
                                      .sort(ascending(ID))
                                      .projection(include(EVENTS_GLOBAL_INDEX, EVENTS + "." + TIMESTAMP))
                                      .first();
        if (commit == null) {
            return createHeadToken();
        }
        long first = commit.getList(EVENTS, Document.class).stream()
                           .filter(event -> !event.getDate(TIMESTAMP).before(from))
                           .mapToLong(event -> longValue(event, GLOBAL_INDEX))
                           .min()
                           .orElseThrow();
        return GapAwareTrackingToken.newInstance(first - 1, Collections.emptySet());
    }

    /**
     * Reads up to {@code batchSize} events after the token in global-index order: those of its
     * gaps that are visible now, then the events after its index.
     *
     * <p><b>Why one aggregate's events are never delivered out of order.</b> The gaps and the
     * new events are two reads, so a gap may become visible between them: if index 11 (X#0) is
     * missing when the gaps are read and becomes visible before the second read finds 13 (X#1),
     * delivering 13 now and 11 on the next fetch would reorder X. So after both reads, the
     * indexes still missing below the last event read are looked up once more, and the batch is
     * cut before the first of them that is visible now (it is read by the next fetch, in order).
     * This is enough: Axon appends X#1 only after loading X#0, so X#0's commit was visible before
     * X#1's commit was inserted. If a read saw X#1, X#0 was visible before that read ended, and
     * so is found by the look-up, which starts after it. Either the reads saw X#0 (and it comes
     * first in index order) or the look-up finds it and the batch ends before it, so before X#1.
     * This holds for any number of aggregates and commits and costs one indexed read, only when
     * an index below the last event read is missing.
     *
     * <p>New gaps are remembered with the time this engine first saw them missing (its own clock);
     * {@link #cleanGaps} gives them up {@code gapTimeout} after that, never by an event's own
     * timestamp, which is the writer's clock.
     */
    @Override
    protected List<? extends TrackedEventData<?>> fetchTrackedEvents(TrackingToken lastToken, int batchSize) {
        Assert.isTrue(lastToken == null || lastToken instanceof GapAwareTrackingToken,
                      () -> "Unsupported token format: " + lastToken);
        GapAwareTrackingToken token = lastToken == null
                ? GapAwareTrackingToken.newInstance(LOWEST_GLOBAL_INDEX - 1, Collections.emptySet())
                : cleanGaps((GapAwareTrackingToken) lastToken);
        long index = token.getIndex();
        SortedSet<Long> gaps = token.getGaps();

        NavigableMap<Long, Document> candidates = new TreeMap<>();
        if (!gaps.isEmpty()) {
            for (Document commit : domainEvents.find(in(EVENTS_GLOBAL_INDEX, gaps))) {
                for (Document event : commit.getList(EVENTS, Document.class)) {
                    long globalIndex = longValue(event, GLOBAL_INDEX);
                    if (gaps.contains(globalIndex)) {
                        candidates.put(globalIndex, event);
                    }
                }
            }
        }
        afterGapsRead();
        int newEvents = 0;
        try (MongoCursor<Document> commits = domainEvents.find(gt(LAST_INDEX, index))
                                                         .sort(ascending(LAST_INDEX))
                                                         .limit(batchSize)
                                                         .iterator()) {
            while (commits.hasNext() && newEvents < batchSize) {
                for (Document event : commits.next().getList(EVENTS, Document.class)) {
                    long globalIndex = longValue(event, GLOBAL_INDEX);
                    if (globalIndex > index) {
                        candidates.put(globalIndex, event);
                        newEvents++;
                    }
                }
            }
        }
        while (candidates.size() > batchSize) {
            candidates.pollLastEntry();
        }
        if (candidates.isEmpty()) {
            return Collections.emptyList();
        }
        Long landedMeanwhile = firstVisible(missingBelow(candidates, token));
        if (landedMeanwhile != null) {
            candidates = candidates.headMap(landedMeanwhile, false);
        }

        List<TrackedEventData<?>> result = new ArrayList<>(candidates.size());
        GapAwareTrackingToken current = token;
        for (Map.Entry<Long, Document> candidate : candidates.entrySet()) {
            long globalIndex = candidate.getKey();
            current = current.advanceTo(globalIndex, maxGapOffset);
            gapsFirstSeen.remove(globalIndex);
            result.add(new TrackedDomainEventData<>(current, eventData(candidate.getValue())));
        }
        Instant now = clock.instant();
        current.getGaps().forEach(gap -> gapsFirstSeen.putIfAbsent(gap, now));
        return result;
    }

    /**
     * The indexes below the highest candidate that the token does not cover and the reads did not
     * find: the token's gaps and the holes after its index (at most {@code maxGapOffset} back, as
     * the token keeps no older gaps).
     */
    private SortedSet<Long> missingBelow(NavigableMap<Long, Document> candidates, GapAwareTrackingToken token) {
        long highest = candidates.lastKey();
        SortedSet<Long> missing = new TreeSet<>();
        for (long gap : token.getGaps()) {
            if (gap < highest && !candidates.containsKey(gap)) {
                missing.add(gap);
            }
        }
        for (long globalIndex = Math.max(token.getIndex() + 1, highest - maxGapOffset); globalIndex < highest;
             globalIndex++) {
            if (!candidates.containsKey(globalIndex)) {
                missing.add(globalIndex);
            }
        }
        return missing;
    }

    /** The lowest of {@code missing} that is stored now, or {@code null}. */
    private Long firstVisible(SortedSet<Long> missing) {
        if (missing.isEmpty()) {
            return null;
        }
        Long first = null;
        for (Document commit : domainEvents.find(in(EVENTS_GLOBAL_INDEX, missing)).projection(include(EVENTS_GLOBAL_INDEX))) {
            for (Document event : commit.getList(EVENTS, Document.class)) {
                long globalIndex = longValue(event, GLOBAL_INDEX);
                if (missing.contains(globalIndex) && (first == null || globalIndex < first)) {
                    first = globalIndex;
                }
            }
        }
        return first;
    }

    /**
     * Gives up the token's gaps that this engine first saw missing more than the gap timeout ago,
     * by its own clock. Event timestamps play no part: they are the writer's clock, and a writer
     * whose clock is behind (or a slow unit of work) would make a gap look old the moment it
     * appears. A given-up gap's time is kept (the token that gave it up may never be stored if no
     * event follows, and the next fetch sees the gap again). A gap this engine has no time for (a
     * token loaded after a restart) starts its timeout now, which only makes it wait longer.
     * Costs no read.
     */
    private GapAwareTrackingToken cleanGaps(GapAwareTrackingToken token) {
        if (!token.hasGaps() || token.getGaps().size() <= gapCleaningThreshold) {
            return token;
        }
        Instant now = clock.instant();
        Instant expiredBefore = now.minus(gapTimeout);
        SortedSet<Long> kept = new TreeSet<>();
        for (long gap : token.getGaps()) {
            Instant firstSeen = gapsFirstSeen.computeIfAbsent(gap, missing -> now);
            if (!firstSeen.isBefore(expiredBefore)) {
                kept.add(gap);
            }
        }
        forgetLongExpiredGaps(now);
        if (kept.size() == token.getGaps().size()) {
            return token;
        }
        logger.debug("Giving up {} gap(s) missing for more than {}", token.getGaps().size() - kept.size(), gapTimeout);
        return GapAwareTrackingToken.newInstance(token.getIndex(), kept);
    }

    /**
     * Forgets first-seen times older than ten gap timeouts (checked at most once per gap timeout),
     * so that memory stays bounded. A token that still has such a gap (a processor that delivered
     * nothing for that long) only waits one more gap timeout for it.
     */
    private void forgetLongExpiredGaps(Instant now) {
        Instant last = lastForgetting;
        if (last != null && now.isBefore(last.plus(gapTimeout))) {
            return;
        }
        lastForgetting = now;
        Instant longExpired = now.minus(gapTimeout.multipliedBy(10));
        gapsFirstSeen.values().removeIf(firstSeen -> firstSeen.isBefore(longExpired));
        if (gapsFirstSeen.size() > MAX_REMEMBERED_GAPS) {
            gapsFirstSeen.headMap(gapsFirstSeen.firstKey() + gapsFirstSeen.size() / 2).clear();
        }
    }

    /** Axon's event clock, looked up on every call so that a replaced clock is seen. */
    private static final class AxonClock extends Clock {

        static final AxonClock INSTANCE = new AxonClock();

        @Override
        public Instant instant() {
            return GenericEventMessage.clock.instant();
        }

        @Override
        public ZoneId getZone() {
            return GenericEventMessage.clock.getZone();
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return GenericEventMessage.clock.withZone(zone);
        }
    }

    /**
     * Builder for a {@link MongoEventStorageEngine}, in the style of Axon's engine builders. The
     * {@link MongoDatabase} is required; see {@link MongoEventStorageEngine#builder()} for the
     * defaults.
     */
    public static class Builder extends BatchingEventStorageEngine.Builder {

        private MongoDatabase mongoDatabase;
        private String domainEventCollectionName = DEFAULT_DOMAIN_EVENT_COLLECTION;
        private String snapshotCollectionName = DEFAULT_SNAPSHOT_COLLECTION;
        private String counterCollectionName = DEFAULT_COUNTER_COLLECTION;
        private Duration gapTimeout = DEFAULT_GAP_TIMEOUT;
        private int maxGapOffset = DEFAULT_MAX_GAP_OFFSET;
        private int gapCleaningThreshold = DEFAULT_GAP_CLEANING_THRESHOLD;
        private Clock clock = AxonClock.INSTANCE;
        private WriteConcern writeConcern = WriteConcern.MAJORITY;
        private ReadConcern readConcern = ReadConcern.MAJORITY;

        protected Builder() {
            persistenceExceptionResolver(new MongoDuplicateKeyResolver());
        }

        @Override
        public Builder snapshotSerializer(Serializer snapshotSerializer) {
            super.snapshotSerializer(snapshotSerializer);
            return this;
        }

        @Override
        public Builder upcasterChain(EventUpcaster upcasterChain) {
            super.upcasterChain(upcasterChain);
            return this;
        }

        /** Defaults to a {@link MongoDuplicateKeyResolver}; there is little reason to change it. */
        @Override
        public Builder persistenceExceptionResolver(PersistenceExceptionResolver persistenceExceptionResolver) {
            super.persistenceExceptionResolver(persistenceExceptionResolver);
            return this;
        }

        @Override
        public Builder eventSerializer(Serializer eventSerializer) {
            super.eventSerializer(eventSerializer);
            return this;
        }

        @Override
        public Builder finalAggregateBatchPredicate(
                Predicate<List<? extends DomainEventData<?>>> finalAggregateBatchPredicate) {
            super.finalAggregateBatchPredicate(finalAggregateBatchPredicate);
            return this;
        }

        @Override
        public Builder snapshotFilter(SnapshotFilter snapshotFilter) {
            super.snapshotFilter(snapshotFilter);
            return this;
        }

        @Override
        public Builder batchSize(int batchSize) {
            super.batchSize(batchSize);
            return this;
        }

        /**
         * The database holding the three collections. Required. The collections use the
         * {@link #writeConcern} and {@link #readConcern} given here (majority by default), not
         * the database's.
         */
        public Builder mongoDatabase(MongoDatabase mongoDatabase) {
            assertNonNull(mongoDatabase, "The MongoDatabase may not be null");
            this.mongoDatabase = mongoDatabase;
            return this;
        }

        /** Collection with one document per commit. Defaults to {@value #DEFAULT_DOMAIN_EVENT_COLLECTION}. */
        public Builder domainEventCollectionName(String name) {
            assertNonEmpty(name, "The domain event collection name may not be empty");
            this.domainEventCollectionName = name;
            return this;
        }

        /** Collection with the latest snapshot of each aggregate. Defaults to {@value #DEFAULT_SNAPSHOT_COLLECTION}. */
        public Builder snapshotCollectionName(String name) {
            assertNonEmpty(name, "The snapshot collection name may not be empty");
            this.snapshotCollectionName = name;
            return this;
        }

        /**
         * Collection with the global index counter (one document, keyed by the domain event
         * collection's name). Defaults to {@value #DEFAULT_COUNTER_COLLECTION}.
         */
        public Builder counterCollectionName(String name) {
            assertNonEmpty(name, "The counter collection name may not be empty");
            this.counterCollectionName = name;
            return this;
        }

        /**
         * How long a tracking processor waits for an index that was handed out but is not visible
         * yet, measured from when this engine first saw it missing (its own clock, so neither a
         * slow unit of work nor a writer's clock skew shortens it). Longer than the slowest
         * append (event creation to insert); an event that becomes visible later than this after
         * a later index is skipped. Defaults to 1 minute, as Axon's JDBC engine.
         */
        public Builder gapTimeout(Duration gapTimeout) {
            assertNonNull(gapTimeout, "The gap timeout may not be null");
            assertThat(gapTimeout, timeout -> !timeout.isNegative(), "The gap timeout may not be negative");
            this.gapTimeout = gapTimeout;
            return this;
        }

        /** Gaps further than this many indexes behind a token's index are given up. Defaults to 10,000. */
        public Builder maxGapOffset(int maxGapOffset) {
            assertThat(maxGapOffset, offset -> offset > 0, "The max gap offset must be a positive number");
            this.maxGapOffset = maxGapOffset;
            return this;
        }

        /**
         * Expired gaps are looked for when a token has more gaps than this. Defaults to 0: whenever
         * it has any, which costs no read (gap ages are kept in memory); Axon's JDBC engine waits
         * for 250 gaps and otherwise keeps them until {@link #maxGapOffset}.
         */
        public Builder gapCleaningThreshold(int gapCleaningThreshold) {
            assertThat(gapCleaningThreshold, threshold -> threshold >= 0,
                       "The gap cleaning threshold may not be negative");
            this.gapCleaningThreshold = gapCleaningThreshold;
            return this;
        }

        /**
         * Write concern of the three collections, whatever the database's. Defaults to
         * {@code majority}: an acknowledged commit survives a fail-over, so a processor never
         * publishes an event that is rolled back.
         */
        public Builder writeConcern(WriteConcern writeConcern) {
            assertNonNull(writeConcern, "The write concern may not be null");
            this.writeConcern = writeConcern;
            return this;
        }

        /**
         * Read concern of the three collections. Defaults to {@code majority}: tracking only sees
         * commits that cannot be rolled back.
         */
        public Builder readConcern(ReadConcern readConcern) {
            assertNonNull(readConcern, "The read concern may not be null");
            this.readConcern = readConcern;
            return this;
        }

        /**
         * The reader's clock, by which gaps are aged (never by event timestamps, which are the
         * writers' clocks). Defaults to Axon's event clock ({@code GenericEventMessage.clock},
         * the system clock unless a test replaces it), read on every use.
         */
        public Builder clock(Clock clock) {
            assertNonNull(clock, "The clock may not be null");
            this.clock = clock;
            return this;
        }

        /**
         * Builds the engine and creates its indexes.
         *
         * @return a {@link MongoEventStorageEngine} as configured
         */
        public MongoEventStorageEngine build() {
            return new MongoEventStorageEngine(this);
        }

        @Override
        protected void validate() throws AxonConfigurationException {
            super.validate();
            assertNonNull(mongoDatabase, "The MongoDatabase is a hard requirement and should be provided");
        }
    }
}
