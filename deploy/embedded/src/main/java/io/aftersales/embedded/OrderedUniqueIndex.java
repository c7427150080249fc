package io.aftersales.embedded;

import java.util.ArrayList;
import java.util.List;
import java.util.Map.Entry;

import de.bwaldvogel.mongo.backend.AbstractUniqueIndex;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.bson.Document;
import org.h2.mvstore.MVMap;

/**
 * mongo-java-server's H2 unique index on an MVMap ordered by {@link IndexKeyType}, which also
 * serves a filter requiring plain values of all its fields among other conditions
 * ({@code {$and: [{_id: 1}, {owner: "a"}]}}, {@link QueriedValues}): mongo-java-server took only a
 * filter on exactly its fields and scanned the collection for the others (ADR 0178).
 */
final class OrderedUniqueIndex extends AbstractUniqueIndex<Object> {

    private final MVMap<Object, Object> map;

    OrderedUniqueIndex(MVMap<Object, Object> map, String name, List<IndexKey> keys, boolean sparse) {
        super(name, keys, sparse);
        this.map = map;
    }

    @Override
    public boolean canHandle(Document query) {
        return super.canHandle(query) || queriedKey(query) != null;
    }

    @Override
    public Iterable<Object> getPositions(Document query) {
        if (super.canHandle(query)) {
            return super.getPositions(query);
        }
        Object position = getPosition(queriedKey(query));
        return position == null ? List.of() : List.of(position);
    }

    /** The key whose plain values the query requires, or null when it does not require one of every field. */
    private KeyValue queriedKey(Document query) {
        QueriedValues queried = QueriedValues.of(query);
        List<Object> values = new ArrayList<>();
        for (String field : keys()) {
            Object value = queried.equal(field);
            if (value == null) {
                return null;
            }
            values.add(value);
        }
        return new KeyValue(values).normalized();
    }

    @Override
    protected Object removeDocument(KeyValue keyValue) {
        return map.remove(keyValue);
    }

    @Override
    protected boolean putKeyPosition(KeyValue keyValue, Object position) {
        return map.putIfAbsent(keyValue, Missing.ofNullable(position)) == null;
    }

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    protected Iterable<Entry<KeyValue, Object>> getIterable() {
        return (Iterable) map.entrySet();
    }

    @Override
    protected Object getPosition(KeyValue keyValue) {
        return map.get(keyValue);
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
}
