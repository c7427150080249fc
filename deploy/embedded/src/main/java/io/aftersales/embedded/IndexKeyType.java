package io.aftersales.embedded;

import java.nio.ByteBuffer;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.bson.Document;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.BasicDataType;
import org.h2.mvstore.type.ObjectDataType;

/**
 * The key type of a unique index's MVMap: stored exactly as H2's {@link ObjectDataType} stores any
 * object, but ordered element by element. H2 orders a {@link KeyValue} (Serializable, not
 * Comparable) by its Java-serialized bytes, serializing both keys at every comparison: with
 * ~17 comparisons per lookup in a 100k-entry index, that was a third of the embedded MongoDB's CPU
 * (docs/benchmarks.md "End to end", ADR 0175). Here two keys compare by their element count, then
 * element by element: documents and lists field by field, the other values with
 * {@link ObjectDataType#compare} (strings, numbers, UUIDs, dates natively; other Comparable values
 * with compareTo; the rest by serialized bytes, as before).
 *
 * <p>{@link #unique()} orders keys by element count first, as the unique indexes' maps were
 * written; {@link #prefixFirst()} orders them element by element and a key before every longer key
 * it begins, so that the entries of a secondary index ({@link SecondaryIndex}) that begin with the
 * queried values follow each other from the queried values on.
 */
final class IndexKeyType extends BasicDataType<Object> {

    private final ObjectDataType objects = new ObjectDataType();
    private final BsonValues bson = new BsonValues();
    private final boolean prefixFirst;

    private IndexKeyType(boolean prefixFirst) {
        this.prefixFirst = prefixFirst;
    }

    /** The order of the unique indexes' maps (ADR 0175): changing it would misplace the keys in existing files. */
    static IndexKeyType unique() {
        return new IndexKeyType(false);
    }

    /** The order of the secondary indexes' maps (ADR 0178). */
    static IndexKeyType prefixFirst() {
        return new IndexKeyType(true);
    }

    @Override
    public int compare(Object a, Object b) {
        if (a == b) {
            return 0;
        }
        if (!(a instanceof KeyValue left) || !(b instanceof KeyValue right)) {
            return objects.compare(a, b);
        }
        int sizes = Integer.compare(left.size(), right.size());
        if (sizes != 0 && !prefixFirst) {
            return sizes;
        }
        for (int i = 0; i < Math.min(left.size(), right.size()); i++) {
            int element = compareValues(left.get(i), right.get(i));
            if (element != 0) {
                return element;
            }
        }
        return sizes;
    }

    /**
     * Documents (e.g. the event store's {@code sequenceKeys}) and lists field by field and element
     * by element, after every other value; the other values as H2 orders them. Two values compare
     * equal exactly when they hold the same fields in the same order with equal values, as their
     * serialized bytes did.
     */
    int compareValues(Object a, Object b) {
        int ranks = Integer.compare(rank(a), rank(b));
        if (ranks != 0) {
            return ranks;
        }
        if (a instanceof Document left && b instanceof Document right) {
            int sizes = Integer.compare(left.size(), right.size());
            if (sizes != 0) {
                return sizes;
            }
            Iterator<Map.Entry<String, Object>> l = left.entrySet().iterator();
            Iterator<Map.Entry<String, Object>> r = right.entrySet().iterator();
            while (l.hasNext()) {
                Map.Entry<String, Object> le = l.next();
                Map.Entry<String, Object> re = r.next();
                int names = le.getKey().compareTo(re.getKey());
                if (names != 0) {
                    return names;
                }
                int values = compareValues(le.getValue(), re.getValue());
                if (values != 0) {
                    return values;
                }
            }
            return 0;
        }
        if (a instanceof List<?> left && b instanceof List<?> right) {
            int sizes = Integer.compare(left.size(), right.size());
            if (sizes != 0) {
                return sizes;
            }
            for (int i = 0; i < left.size(); i++) {
                int values = compareValues(left.get(i), right.get(i));
                if (values != 0) {
                    return values;
                }
            }
            return 0;
        }
        return objects.compare(a, b);
    }

    private static int rank(Object value) {
        if (value instanceof Document) {
            return 2;
        }
        return value instanceof List ? 1 : 0;
    }

    @Override
    public int getMemory(Object key) {
        return BsonValues.memory(key);
    }

    /** As BSON ({@link BsonValues}, ADR 0179); keys written before are read as H2 wrote them. */
    @Override
    public void write(WriteBuffer buffer, Object key) {
        bson.write(buffer, key);
    }

    @Override
    public Object read(ByteBuffer buffer) {
        return bson.read(buffer);
    }

    @Override
    public Object[] createStorage(int size) {
        return new Object[size];
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof IndexKeyType type && type.prefixFirst == prefixFirst;
    }

    @Override
    public int hashCode() {
        return Boolean.hashCode(prefixFirst);
    }
}
