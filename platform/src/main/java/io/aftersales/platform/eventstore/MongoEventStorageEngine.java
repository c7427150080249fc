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
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ConcurrentNavigableMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.LongStream;
import java.util.stream.Stream;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.MongoException;
import com.mongodb.MongoWriteException;
import com.mongodb.WriteError;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.client.model.InsertManyOptions;
import com.mongodb.ReadConcern;
import com.mongodb.ServerAddress;
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
    /** At most this many commits are written by one group (one counter update, one insertMany). */
    private static final int MAX_GROUP_SIZE = 256;
    /** Sequence keys asked for by the first look-up of an aggregate read (see {@link #fetchDomainEvents}). */
    private static final int FIRST_KEY_STEP = 8;

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
    /** Commits waiting for a group leader (see {@link #appendEvents(List, Serializer)}). */
    private final ConcurrentLinkedQueue<PendingCommit> pending = new ConcurrentLinkedQueue<>();
    /** Held by a group's leader while it takes the queue and allocates the group's indexes. */
    private final ReentrantLock allocation = new ReentrantLock();

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

    /**
     * Stores the events of one unit of work as one commit document. Concurrent callers in this JVM
     * are written as a group ({@link #writeGroup}): while one caller allocates global indexes,
     * the callers that arrive meanwhile queue up, and the next of them to get the allocation lock
     * takes the whole queue, allocates the indexes of all its commits with one counter update and
     * inserts them with one unordered {@code insertMany}. Each caller still gets its own outcome:
     * its commit stored, or the {@link org.axonframework.modelling.command.ConcurrencyException}
     * (or {@link org.axonframework.modelling.command.AggregateStreamCreationException}) of its
     * own taken sequence number. Why and what it costs: ADR 0171.
     */
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
        PendingCommit mine = new PendingCommit(messages, serialized, sequenceKeys);
        pending.add(mine);
        List<PendingCommit> group = null;
        allocation.lock();
        try {
            if (!mine.claimed) {
                beforeGroupTaken();
                group = new ArrayList<>();
                for (PendingCommit next; group.size() < MAX_GROUP_SIZE && (next = pending.poll()) != null; ) {
                    next.claimed = true;
                    group.add(next);
                }
                allocateAndAssign(group);
            }
        } catch (RuntimeException e) {
            group.forEach(commit -> commit.fail(e));
            group = null;
        } finally {
            allocation.unlock();
        }
        if (group != null) {
            writeGroup(group);
        }
        mine.awaitOutcome();
    }

    /**
     * Called by a group's leader under the allocation lock, before it takes the queue. A seam for
     * tests that line up several callers in one group.
     */
    void beforeGroupTaken() {
    }

    /** How many commits wait for a leader. For tests. */
    int queuedCommits() {
        return pending.size();
    }

    /** Allocates the indexes of all commits of {@code group} with one counter update and gives each its range. */
    private void allocateAndAssign(List<PendingCommit> group) {
        int total = group.stream().mapToInt(commit -> commit.messages.size()).sum();
        long next = allocateIndexes(total);
        for (PendingCommit commit : group) {
            commit.firstIndex = next;
            next += commit.messages.size();
        }
    }

    /**
     * Inserts the group's commits with one unordered {@code insertMany} and settles every caller:
     * stored; its own conflict (a taken sequence number or event identifier, as a single commit
     * would get it); or, when the only duplicate key was a global index (the counter was behind,
     * see {@link #realignCounter()}), allocated again and retried, up to
     * {@value #MAX_INDEX_ALLOCATION_ATTEMPTS} attempts. Any other failure fails the callers whose
     * commits may not be stored.
     */
    private void writeGroup(List<PendingCommit> group) {
        List<PendingCommit> unsettled = group;
        try {
            for (int attempt = 1; !unsettled.isEmpty(); attempt++) {
                if (attempt > 1) {
                    realignCounter();
                    allocateAndAssign(unsettled);
                }
                List<Document> documents = unsettled.stream().map(PendingCommit::document).toList();
                Map<Integer, BulkWriteError> errors = Map.of();
                ServerAddress server = null;
                try {
                    insertCommits(documents);
                } catch (MongoBulkWriteException e) {
                    server = e.getServerAddress();
                    errors = new HashMap<>();
                    for (BulkWriteError error : e.getWriteErrors()) {
                        errors.put(error.getIndex(), error);
                    }
                    if (errors.isEmpty()) {
                        throw e;
                    }
                }
                List<PendingCommit> retry = new ArrayList<>();
                for (int i = 0; i < unsettled.size(); i++) {
                    PendingCommit commit = unsettled.get(i);
                    BulkWriteError error = errors.get(i);
                    if (error == null) {
                        commit.succeed();
                    } else if (ErrorCategory.fromErrorCode(error.getCode()) != ErrorCategory.DUPLICATE_KEY) {
                        commit.fail(persistenceFailure(new MongoWriteException(new WriteError(error.getCode(),
                                error.getMessage(), error.getDetails()), server, Set.of()), commit.messages.get(0)));
                    } else {
                        MongoWriteException duplicate = new MongoWriteException(
                                new WriteError(error.getCode(), error.getMessage(), error.getDetails()), server, Set.of());
                        Optional<EventMessage<?>> conflicting = conflictingEvent(commit, error, duplicate);
                        if (conflicting.isPresent()) {
                            commit.fail(persistenceFailure(duplicate, conflicting.get()));
                        } else if (attempt == MAX_INDEX_ALLOCATION_ATTEMPTS) {
                            commit.fail(new EventStoreException("Global indexes for " + commit.messages.size()
                                    + " events were taken on every one of " + attempt + " attempts", duplicate));
                        } else {
                            retry.add(commit);
                        }
                    }
                }
                if (!retry.isEmpty()) {
                    logger.info("Global indexes of {} commit(s) were already taken; moving the counter past the "
                                        + "stored events and allocating again", retry.size());
                }
                unsettled = retry;
            }
        } catch (RuntimeException e) {
            for (PendingCommit commit : unsettled) {
                commit.fail(e instanceof MongoException mongo ? persistenceFailure(mongo, commit.messages.get(0)) : e);
            }
        } finally {
            group.forEach(PendingCommit::failIfUnsettled);
        }
    }

    /** What {@link #handlePersistenceException} throws for {@code failure}, as a value. */
    private RuntimeException persistenceFailure(Exception failure, EventMessage<?> event) {
        try {
            handlePersistenceException(failure, event);
        } catch (RuntimeException translated) {
            return translated;
        }
        return new EventStoreException("An event for aggregate [" + event.getIdentifier() + "] could not be stored",
                                       failure);
    }

    /**
     * The write that makes a group of commits visible: one unordered {@code insertMany}. A seam for
     * tests that need a commit to become visible late (or never), after its global indexes were
     * handed out.
     */
    void insertCommits(List<Document> commits) {
        domainEvents.insertMany(commits, new InsertManyOptions().ordered(false));
    }

    /** One caller's commit waiting in (or written by) a group. */
    private static final class PendingCommit {

        final List<DomainEventMessage<?>> messages;
        final List<Document> serialized;
        final List<Document> sequenceKeys;
        /** Set (under the allocation lock) when a leader took this commit into its group. */
        boolean claimed;
        long firstIndex;
        private final CountDownLatch settled = new CountDownLatch(1);
        private volatile RuntimeException failure;

        PendingCommit(List<DomainEventMessage<?>> messages, List<Document> serialized, List<Document> sequenceKeys) {
            this.messages = messages;
            this.serialized = serialized;
            this.sequenceKeys = sequenceKeys;
        }

        Document document() {
            return commit(firstIndex, serialized, sequenceKeys);
        }

        void succeed() {
            settled.countDown();
        }

        void fail(RuntimeException e) {
            if (settled.getCount() > 0) {
                failure = e;
                settled.countDown();
            }
        }

        void failIfUnsettled() {
            fail(new EventStoreException("The commit was not settled by its group (a bug)"));
        }

        void awaitOutcome() {
            boolean interrupted = false;
            while (true) {
                try {
                    settled.await();
                    break;
                } catch (InterruptedException e) {
                    // the group's insert is under way and settles this commit; its outcome must be reported
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
            if (failure != null) {
                throw failure;
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
     * sequence number 0 was taken. Empty if the duplicate key was a global index. A one-event
     * commit whose error names the sequence key index needs no look-up.
     */
    private Optional<EventMessage<?>> conflictingEvent(PendingCommit commit, BulkWriteError error,
                                                       MongoException failure) {
        String message = String.valueOf(error.getMessage());
        if (commit.messages.size() == 1 && message.contains(SEQUENCE_KEYS)) {
            return Optional.of(commit.messages.get(0));
        }
        List<DomainEventMessage<?>> messages = commit.messages;
        List<Document> sequenceKeys = commit.sequenceKeys;
        try {
            Set<Document> takenKeys = new HashSet<>();
            for (Document stored : domainEvents.find(in(SEQUENCE_KEYS, sequenceKeys))
                                               .projection(include(SEQUENCE_KEYS))) {
                takenKeys.addAll(stored.getList(SEQUENCE_KEYS, Document.class));
            }
            Set<String> takenIdentifiers = new HashSet<>();
            if (takenKeys.isEmpty()) {
                List<String> identifiers = messages.stream().map(EventMessage::getIdentifier).toList();
                for (Document stored : domainEvents.find(in(EVENTS_EVENT_IDENTIFIER, identifiers))
                                                   .projection(include(EVENTS_EVENT_IDENTIFIER))) {
                    stored.getList(EVENTS, Document.class)
                          .forEach(event -> takenIdentifiers.add(event.getString(EVENT_IDENTIFIER)));
                }
            }
            for (DomainEventMessage<?> candidate : messages) {
                if (takenKeys.contains(sequenceKey(candidate)) || takenIdentifiers.contains(candidate.getIdentifier())) {
                    return Optional.of(candidate);
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
     * Reads the events with sequence numbers from {@code firstSequenceNumber}, at most
     * {@code batchSize} of them, by their keys in the unique sequence key index. mongo-java-server
     * serves an {@code $in} of k keys in time proportional to k (a 100-key look-up costs about
     * ten times a 10-key one), and most aggregates are short, so the keys are asked for in
     * growing steps: {@value #FIRST_KEY_STEP} first, then twice as many each time, only while a
     * step comes back full. A batch shorter than {@code batchSize} is therefore still the last one,
     * as Axon's default final-batch predicate assumes (ADR 0173).
     */
    @Override
    protected List<? extends DomainEventData<?>> fetchDomainEvents(String aggregateIdentifier,
                                                                   long firstSequenceNumber,
                                                                   int batchSize) {
        List<DomainEventData<?>> batch = new ArrayList<>();
        long next = firstSequenceNumber;
        int step = Math.min(FIRST_KEY_STEP, batchSize);
        while (true) {
            int found = fetchSequenceRange(aggregateIdentifier, next, step, batch);
            next += step;
            int remaining = batchSize - batch.size();
            if (found < step || remaining <= 0) {
                return batch;
            }
            step = Math.min(step * 2, remaining);
        }
    }

    /** Adds the events {@code [first, first + count)} of the aggregate to {@code batch} in order; returns how many. */
    private int fetchSequenceRange(String aggregateIdentifier, long first, int count, List<DomainEventData<?>> batch) {
        long end = first + count;
        List<Document> keys = LongStream.range(first, end)
                                        .mapToObj(sequenceNumber -> sequenceKey(aggregateIdentifier, sequenceNumber))
                                        .toList();
        // keyed by sequence number: ordered, and each event once even if a server returns a
        // commit once per matching key (mongo-java-server does)
        NavigableMap<Long, Document> events = new TreeMap<>();
        for (Document commit : domainEvents.find(in(SEQUENCE_KEYS, keys)).projection(include(EVENTS))) {
            for (Document event : commit.getList(EVENTS, Document.class)) {
                long sequenceNumber = longValue(event, SEQUENCE_NUMBER);
                if (aggregateIdentifier.equals(event.getString(AGGREGATE_IDENTIFIER))
                        && sequenceNumber >= first && sequenceNumber < end) {
                    events.put(sequenceNumber, event);
                }
            }
        }
        events.values().forEach(event -> batch.add(eventData(event)));
        return events.size();
    }

    /**
     * The aggregate's highest sequence number, by point look-ups in the unique sequence key index
     * (doubling, then bisecting: about 2 log2(n) look-ups) instead of an aggregation, which
     * mongo-java-server serves by scanning. Streams start at 0 and have no holes (Axon's
     * aggregates number their events so); a stream without an event 0 is answered by the
     * aggregation as before.
     */
    @Override
    public Optional<Long> lastSequenceNumberFor(String aggregateIdentifier) {
        if (!isStored(aggregateIdentifier, 0)) {
            return lastSequenceNumberByAggregation(aggregateIdentifier);
        }
        long stored = 0;
        long probe = 1;
        while (isStored(aggregateIdentifier, probe)) {
            stored = probe;
            probe *= 2;
        }
        // stored is taken, probe is not: bisect between them
        while (probe - stored > 1) {
            long middle = stored + (probe - stored) / 2;
            if (isStored(aggregateIdentifier, middle)) {
                stored = middle;
            } else {
                probe = middle;
            }
        }
        return Optional.of(stored);
    }

    private boolean isStored(String aggregateIdentifier, long sequenceNumber) {
        return domainEvents.find(eq(SEQUENCE_KEYS, sequenceKey(aggregateIdentifier, sequenceNumber)))
                           .projection(include(ID)).first() != null;
    }

    private Optional<Long> lastSequenceNumberByAggregation(String aggregateIdentifier) {
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
        readAfter(index, batchSize, candidates);
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
     * Adds the events after {@code index} to {@code candidates}, up to about {@code batchSize}.
     * mongo-java-server serves only exact and {@code $in} look-ups from its unique indexes and
     * scans the collection for a range or a sort, so the events are looked up by their global
     * indexes instead: the counter (one point read) tells the highest index handed out; nothing is
     * read when the token is there already (an idle poll costs that one read); otherwise the
     * commits whose last index lies in {@code (index, min(head, index + batchSize)]} are looked up
     * in the unique last-index index. Only when none is found although later indexes were handed
     * out (a run of abandoned indexes longer than the window, after crashed or conflicting
     * appends, or one commit larger than the window) does it fall back to the range query, which
     * jumps over the run. Which events are delivered is decided by the
     * caller exactly as before (ADR 0172).
     */
    private void readAfter(long index, int batchSize, NavigableMap<Long, Document> candidates) {
        long head = allocatedHead();
        if (head <= index) {
            return;
        }
        long windowEnd = Math.min(head, index + batchSize);
        List<Long> window = LongStream.rangeClosed(index + 1, windowEnd).boxed().toList();
        boolean found = false;
        // by the commits' last indexes (a scalar unique index): each commit found once, whereas a
        // multikey look-up returns a commit once per matching event on mongo-java-server
        for (Document commit : domainEvents.find(in(LAST_INDEX, window))) {
            for (Document event : commit.getList(EVENTS, Document.class)) {
                long globalIndex = longValue(event, GLOBAL_INDEX);
                if (globalIndex > index) {
                    candidates.put(globalIndex, event);
                    found = true;
                }
            }
        }
        if (found || windowEnd == head) {
            return;
        }
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
    }

    /**
     * The highest global index the counter has handed out (one point read). Every stored event's
     * index is at most this, unless the counter document was lost or restored behind the events:
     * then the events beyond it are found once the next append realigns the counter.
     */
    private long allocatedHead() {
        Document counter = counters.find(eq(ID, counterId)).first();
        return counter == null ? LOWEST_GLOBAL_INDEX - 1 : longValue(counter, COUNTER_VALUE);
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
