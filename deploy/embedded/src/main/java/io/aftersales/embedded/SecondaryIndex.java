package io.aftersales.embedded;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.bson.Document;
import org.h2.mvstore.Cursor;
import org.h2.mvstore.MVMap;

/**
 * A non-unique index, which mongo-java-server 1.47 accepts and ignores: every query on a field it
 * does not hold a unique index for scanned the whole collection, so a read model's look-up by
 * product or status cost more with every ticket (ADR 0178).
 *
 * <p>Each document is one entry per key value (several for an array, as MongoDB's multikey
 * indexes): the indexed values followed by the document's position, in a map ordered by
 * {@link IndexKeyType#prefixFirst()}. A query whose filter requires plain values
 * ({@link QueriedValues}) of the first one or more indexed fields reads the entries that begin with
 * those values; the collection then matches the whole filter, sort and limit against those
 * documents only, so the answer is the same as a scan's. Any other query scans as before.
 */
final class SecondaryIndex extends Index<Object> {

    private static final String ID = "_id";

    private final MVMap<Object, Object> map;
    private final IndexKeyType order;

    SecondaryIndex(MVMap<Object, Object> map, String name, List<IndexKey> keys, boolean sparse) {
        super(name, keys, sparse);
        this.map = map;
        this.order = (IndexKeyType) map.getKeyType();
    }

    @Override
    public boolean canHandle(Document query) {
        return !lookups(query).isEmpty();
    }

    @Override
    public Iterable<Object> getPositions(Document query) {
        Set<Object> positions = new LinkedHashSet<>();
        for (List<Object> values : lookups(query)) {
            KeyValue prefix = new KeyValue(values).normalized();
            Cursor<Object, Object> entries = map.cursor(prefix);
            while (entries.hasNext()) {
                KeyValue entry = (KeyValue) entries.next();
                if (!beginsWith(entry, prefix)) {
                    break;
                }
                positions.add(entry.get(entry.size() - 1));
            }
        }
        return positions;
    }

    /**
     * The key prefixes to read: the plain values the query requires of the leading indexed fields,
     * up to the first field it requires none of; one prefix per value when that field is
     * compared with {@code $in}, which ends the prefix. None when the first field has no value.
     */
    private List<List<Object>> lookups(Document query) {
        QueriedValues queried = QueriedValues.of(query);
        List<Object> prefix = new ArrayList<>();
        for (String field : keys()) {
            Object value = queried.equal(field);
            if (value != null) {
                prefix.add(value);
                continue;
            }
            List<?> oneOf = queried.in(field);
            if (oneOf == null) {
                break;
            }
            List<List<Object>> lookups = new ArrayList<>();
            for (Object each : oneOf) {
                List<Object> values = new ArrayList<>(prefix);
                values.add(each);
                lookups.add(values);
            }
            return lookups;
        }
        return prefix.isEmpty() ? List.of() : List.of(prefix);
    }

    private boolean beginsWith(KeyValue entry, KeyValue prefix) {
        for (int i = 0; i < prefix.size(); i++) {
            if (order.compareValues(entry.get(i), prefix.get(i)) != 0) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void add(Document document, Object position, MongoCollection<Object> collection) {
        for (KeyValue entry : entries(document, position)) {
            map.put(entry, Boolean.TRUE);
        }
    }

    @Override
    public Object remove(Document document) {
        Object position = position(document);
        boolean removed = false;
        for (KeyValue entry : entries(document, position)) {
            removed |= map.remove(entry) != null;
        }
        return removed || !isSparse() ? position : null;
    }

    @Override
    public void updateInPlace(Document oldDocument, Document newDocument, Object position, MongoCollection<Object> collection) {
        if (!nullAwareEqualsKeys(oldDocument, newDocument)) {
            for (KeyValue entry : entries(oldDocument, position)) {
                map.remove(entry);
            }
            add(newDocument, position, collection);
        }
    }

    private List<KeyValue> entries(Document document, Object position) {
        List<KeyValue> entries = new ArrayList<>();
        for (KeyValue values : getKeyValues(document)) {
            if (isSparse() && values.stream().allMatch(value -> value == null)) {
                continue;
            }
            List<Object> entry = new ArrayList<>(values.size() + 1);
            values.forEach(entry::add);
            entry.add(position);
            entries.add(new KeyValue(entry));
        }
        return entries;
    }

    /** H2Collection's position of a document: its id (collections without one get no secondary index). */
    private static Object position(Document document) {
        return document.get(ID);
    }

    /** Positions are found through the {@code _id} index; this one answers none. */
    @Override
    public Object getPosition(Document document) {
        return null;
    }

    /** Not unique; refuses, as MongoDB does, a document with arrays in two indexed fields, before it is stored. */
    @Override
    public void checkAdd(Document document, MongoCollection<Object> collection) {
        getKeyValues(document);
    }

    @Override
    public void checkUpdate(Document oldDocument, Document newDocument, MongoCollection<Object> collection) {
        getKeyValues(newDocument);
    }

    @Override
    public long getCount() {
        return map.sizeAsLong();
    }

    @Override
    public boolean isEmpty() {
        return map.isEmpty();
    }

    @Override
    public long getDataSize() {
        return getCount();
    }

    @Override
    public void drop() {
        map.clear();
    }
}
