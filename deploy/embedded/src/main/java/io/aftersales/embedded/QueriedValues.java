package io.aftersales.embedded;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.bson.BsonRegularExpression;
import de.bwaldvogel.mongo.bson.Document;

/**
 * The values a query filter requires of fields, read the way an index may use them: a field
 * compared with a plain value ({@code {status: "OPEN"}}), or with {@code $in} and a list of plain
 * values, at the top level or inside a top-level {@code $and} (which the Java driver's
 * {@code Filters.and} always writes). mongo-java-server's unique indexes only looked at a filter
 * whose fields are exactly the index's, so {@code {$and: [{_id: 1}, {owner: "a"}]}} scanned the
 * collection (ADR 0178).
 *
 * <p>A plain value is one whose equality match is exactly the documents holding it, or an array
 * containing it: not null, an array, a sub-document, an operator or a regular expression.
 */
final class QueriedValues {

    private final Map<String, Object> equal = new LinkedHashMap<>();
    private final Map<String, List<?>> in = new LinkedHashMap<>();

    private QueriedValues() {
    }

    static QueriedValues of(Document query) {
        QueriedValues values = new QueriedValues();
        values.read(query);
        return values;
    }

    private void read(Document query) {
        for (Map.Entry<String, Object> condition : query.entrySet()) {
            String field = condition.getKey();
            Object value = condition.getValue();
            if (field.equals("$and") && value instanceof Collection<?> clauses) {
                for (Object clause : clauses) {
                    if (clause instanceof Document document) {
                        read(document);
                    }
                }
            } else if (field.startsWith("$") || equal.containsKey(field) || in.containsKey(field)) {
                continue;
            } else if (isPlain(value)) {
                equal.put(field, value);
            } else if (value instanceof Document operators && operators.size() == 1
                    && operators.get("$in") instanceof Collection<?> values && !values.isEmpty()
                    && values.stream().allMatch(QueriedValues::isPlain)) {
                in.put(field, List.copyOf(values));
            }
        }
    }

    /** The plain value the filter requires of {@code field}, or null. */
    Object equal(String field) {
        return equal.get(field);
    }

    /** The plain values of which the filter requires one of {@code field} ({@code $in}), or null. */
    List<?> in(String field) {
        return in.get(field);
    }

    private static boolean isPlain(Object value) {
        return value != null && !(value instanceof Missing) && !(value instanceof Map) && !(value instanceof Collection)
                && !(value instanceof BsonRegularExpression) && !(value instanceof Pattern);
    }
}
