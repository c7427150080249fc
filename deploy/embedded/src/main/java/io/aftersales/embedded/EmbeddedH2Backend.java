package io.aftersales.embedded;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.h2.H2Collection;
import de.bwaldvogel.mongo.backend.h2.H2Database;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.message.MongoQuery;
import io.netty.channel.Channel;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

/**
 * mongo-java-server's H2 backend made as safe as MongoDB for what the platform relies on, and
 * durable once a write is answered (see ADR 0020):
 *
 * <ul>
 *   <li><b>Writes one at a time.</b> mongo-java-server 1.47 is not atomic under concurrency: its
 *       {@code findAndModify} reads, modifies and stores without a lock (two concurrent
 *       {@code $inc} return the same value), and an insert checks the unique indexes, stores the
 *       document, then updates the indexes with nothing held in between. Every write command
 *       ({@link #WRITE_COMMANDS}) therefore runs under one server-wide lock, so unique inserts,
 *       {@code findAndModify} and conditional updates and upserts are atomic as on MongoDB.
 *       Reads (find, getMore, count, aggregate without {@code $out}/{@code $merge}) do not
 *       take the lock.</li>
 *   <li><b>Committed before answered.</b> H2's MVStore commits in the background about once a
 *       second, so a {@code kill -9} lost the last second of acknowledged writes. A file-backed
 *       backend answers a write command only after an MVStore commit that covers it: an
 *       acknowledged write is in the file (the OS page cache; no fsync, so it survives the death
 *       of the process, not of the machine). The commit is shared (group commit, ADR 0177): it
 *       runs under the write lock, so never holds half a command, and covers every write applied
 *       before it, so writes that queued during one commit share the next.</li>
 *   <li><b>Unique indexes ordered by value.</b> H2 orders mongo-java-server's index keys by their
 *       Java-serialized bytes, serializing both keys at every comparison of a lookup; the indexes
 *       are kept instead in maps ordered element by element ({@link IndexKeyType}, map name
 *       {@code <index map>}{@value #ORDERED_INDEX_SUFFIX}); an index found in the old map is copied
 *       over once when its database opens (ADR 0175).</li>
 *   <li><b>Non-unique indexes kept.</b> mongo-java-server ignores them, so every look-up of a read
 *       model by a field other than a unique key scanned its collection; they are kept in maps
 *       {@code <index map>}{@value #SECONDARY_INDEX_SUFFIX} and serve equality look-ups on their
 *       leading fields ({@link SecondaryIndex}, ADR 0178). An index declared before this existed is
 *       built from the collection when its database opens.</li>
 *   <li><b>Documents and index keys stored as BSON</b>, not with Java serialization, and a larger
 *       page cache ({@link BsonValues}, ADR 0179).</li>
 *   <li>{@code hello} (the successor of {@code isMaster} since MongoDB 4.4/5.0), which
 *       mongo-java-server 1.47 does not know, is answered like {@code isMaster}: Spring Boot's
 *       {@code MongoHealthIndicator} and {@code mongosh} send it.</li>
 * </ul>
 */
final class EmbeddedH2Backend extends H2Backend {

    /** Commands that change data or indexes, compared in lower case. */
    static final Set<String> WRITE_COMMANDS = Set.of(
            "insert", "update", "delete", "findandmodify", "createindexes", "dropindexes", "deleteindexes",
            "drop", "dropdatabase", "create", "renamecollection", "applyops");

    /** Appended to mongo-java-server's name of an index map for the map ordered by {@link IndexKeyType}. */
    static final String ORDERED_INDEX_SUFFIX = ".ordered";

    /** Appended to mongo-java-server's name of an index map for a non-unique index's map ({@link SecondaryIndex}). */
    static final String SECONDARY_INDEX_SUFFIX = ".secondary";

    /**
     * H2's page cache, in MB (its default is 16): pages that leave it are read back from the file and
     * decoded again at the next look-up; a year of a shop's tickets fits (ADR 0179).
     */
    static final int CACHE_MB = 192;

    private final ReentrantLock writes = new ReentrantLock();
    /** Writes applied so far; written under {@link #writes}. */
    private long appliedWrites;
    private final ReentrantLock commitState = new ReentrantLock();
    private final Condition commitDone = commitState.newCondition();
    /** Writes covered by a finished commit, and whether a commit runs; under {@link #commitState}. */
    private long committedWrites;
    private boolean committing;
    private final boolean commitEveryWrite;

    private EmbeddedH2Backend(MVStore store, boolean commitEveryWrite) {
        super(store);
        this.commitEveryWrite = commitEveryWrite;
    }

    /** A backend storing in {@code fileName}, committing every write before answering it. */
    static EmbeddedH2Backend inFile(String fileName) {
        return new EmbeddedH2Backend(new MVStore.Builder().fileName(fileName).cacheSize(CACHE_MB).open(), true);
    }

    static EmbeddedH2Backend createInMemory() {
        return new EmbeddedH2Backend(MVStore.open(null), false);
    }

    /** Called from H2Backend's constructor for the databases already in the file, so it uses nothing of this class's fields. */
    @Override
    protected MongoDatabase openOrCreateDatabase(String databaseName) {
        return new OrderedIndexDatabase(databaseName);
    }

    /**
     * H2Database whose unique indexes live in maps ordered by {@link IndexKeyType}. An inner class:
     * H2Database's constructor opens the indexes, before a field of a subclass would be set, and the
     * outer instance is set before that.
     */
    private final class OrderedIndexDatabase extends H2Database {

        OrderedIndexDatabase(String databaseName) {
            super(databaseName, getMvStore(), getCursorRegistry());
        }

        @Override
        protected Index<Object> openOrCreateUniqueIndex(String collectionName, String indexName, List<IndexKey> keys,
                                                        boolean sparse) {
            MVStore store = getMvStore();
            String legacyName = legacyMapName(collectionName, indexName);
            String name = legacyName + ORDERED_INDEX_SUFFIX;
            boolean migrate = !store.hasMap(name) && store.hasMap(legacyName);
            MVMap<Object, Object> map = store.openMap(name, new MVMap.Builder<Object, Object>().keyType(IndexKeyType.unique()));
            if (migrate) {
                MVMap<Object, Object> legacy = store.openMap(legacyName);
                legacy.forEach(map::put);
                store.removeMap(legacy);
                store.commit();
            }
            return new OrderedUniqueIndex(map, indexName, keys, sparse);
        }

        /** As H2Database's, with the documents stored as BSON ({@link DocumentType}, ADR 0179). */
        @Override
        protected MongoCollection<Object> openOrCreateCollection(String collectionName, CollectionOptions options) {
            String fullName = getFullCollectionNamespace(collectionName);
            // H2Database's map names (its DATABASES_PREFIX and META_PREFIX are not visible here)
            MVMap<Object, Document> documents = getMvStore().openMap("databases." + fullName,
                    new MVMap.Builder<Object, Document>().valueType(new DocumentType()));
            MVMap<String, Object> meta = getMvStore().openMap("meta." + fullName);
            return new H2Collection(this, collectionName, options, documents, meta, getCursorRegistry());
        }

        @Override
        protected Index<Object> openOrCreateSecondaryIndex(String collectionName, String indexName, List<IndexKey> keys,
                                                           boolean sparse) {
            String name = legacyMapName(collectionName, indexName) + SECONDARY_INDEX_SUFFIX;
            MVMap<Object, Object> map = getMvStore().openMap(name,
                    new MVMap.Builder<Object, Object>().keyType(IndexKeyType.prefixFirst()));
            return new SecondaryIndex(map, indexName, keys, sparse);
        }

        @Override
        protected void dropIndex(MongoCollection<Object> collection, String indexName) {
            super.dropIndex(collection, indexName);
            String mapName = legacyMapName(collection.getCollectionName(), indexName);
            for (String name : List.of(mapName + ORDERED_INDEX_SUFFIX, mapName + SECONDARY_INDEX_SUFFIX)) {
                if (getMvStore().hasMap(name)) {
                    getMvStore().removeMap(name);
                }
            }
        }

        /** mongo-java-server's name of an index map (H2Database.mapNameForIndex). */
        private String legacyMapName(String collectionName, String indexName) {
            return getFullCollectionNamespace(collectionName) + "._index_" + indexName;
        }
    }

    @Override
    public Document handleCommand(Channel channel, String databaseName, String command, Document query) {
        if ("hello".equalsIgnoreCase(command)) {
            Document response = super.handleCommand(channel, databaseName, "isMaster", query);
            response.put("isWritablePrimary", Boolean.TRUE);
            return response;
        }
        if (!isWrite(command, query)) {
            return super.handleCommand(channel, databaseName, command, query);
        }
        long applied;
        writes.lock();
        try {
            // copied under the lock: the server answers with the stored document itself, which
            // the next write would change while the answer is being encoded
            return super.handleCommand(channel, databaseName, command, query).cloneDeeply();
        } finally {
            applied = ++appliedWrites;
            writes.unlock();
            if (commitEveryWrite) {
                awaitCommitted(applied);
            }
        }
    }

    /**
     * Group commit: returns once a commit covers write number {@code write} (failed ones too, as
     * before). A writer that finds no commit running commits, under the write lock so that a commit
     * never holds half a command, every write applied so far; the others wait for it and, when it
     * did not cover theirs, one of them commits next. Writes applied while a commit runs queue
     * behind the lock and share the next commit.
     */
    private void awaitCommitted(long write) {
        commitState.lock();
        try {
            while (committedWrites < write) {
                if (committing) {
                    commitDone.awaitUninterruptibly();
                    continue;
                }
                committing = true;
                commitState.unlock();
                long covered = -1;
                try {
                    writes.lock();
                    try {
                        long target = appliedWrites;
                        commit();
                        covered = target;
                    } finally {
                        writes.unlock();
                    }
                } finally {
                    commitState.lock();
                    committing = false;
                    committedWrites = Math.max(committedWrites, covered);
                    commitDone.signalAll();
                }
            }
        } finally {
            commitState.unlock();
        }
    }

    /** Legacy OP_QUERY commands ({@code db.$cmd}), which the handshake still uses, go through the same lock. */
    @Override
    public QueryResult handleQuery(MongoQuery query) {
        if (!query.getFullCollectionName().endsWith(".$cmd")) {
            return super.handleQuery(query);
        }
        writes.lock();
        try {
            return super.handleQuery(query);
        } finally {
            try {
                if (commitEveryWrite) {
                    commit();
                }
            } finally {
                writes.unlock();
            }
        }
    }

    private static boolean isWrite(String command, Document query) {
        String name = command.toLowerCase(Locale.ROOT);
        if (WRITE_COMMANDS.contains(name)) {
            return true;
        }
        if (name.equals("aggregate")) {
            String pipeline = String.valueOf(query.get("pipeline"));
            return pipeline.contains("$out") || pipeline.contains("$merge");
        }
        return false;
    }
}
