package io.aftersales.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.regex.Pattern;

import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.bson.Document;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;

/**
 * Which filters the embedded server's indexes serve, and that they answer exactly the documents
 * holding the queried values (ADR 0178). {@code EmbeddedMongoIndexIT} compares whole answers with
 * a scan's.
 */
class IndexLookupTest {

    private final MVStore store = MVStore.open(null);
    private final SecondaryIndex byProduct = new SecondaryIndex(
            store.openMap("by_product", new MVMap.Builder<Object, Object>().keyType(IndexKeyType.prefixFirst())),
            "by_product", List.of(new IndexKey("product", true), new IndexKey("batch", true)), false);
    private final OrderedUniqueIndex byId = new OrderedUniqueIndex(
            store.openMap("_id_", new MVMap.Builder<Object, Object>().keyType(IndexKeyType.unique())),
            "_id_", List.of(new IndexKey("_id", true)), false);

    @Test
    void a_secondary_index_serves_plain_values_and_in_on_its_leading_fields_also_inside_and() {
        assertThat(byProduct.canHandle(new Document("product", "P-1"))).isTrue();
        assertThat(byProduct.canHandle(new Document("product", "P-1").append("batch", new Document("$gt", "B")))).isTrue();
        assertThat(byProduct.canHandle(new Document("product", "P-1").append("status", "OPEN"))).isTrue();
        assertThat(byProduct.canHandle(new Document("product", new Document("$in", List.of("P-1", "P-2"))))).isTrue();
        assertThat(byProduct.canHandle(new Document("$and", List.of(new Document("status", "OPEN"), new Document("product", "P-1"))))).isTrue();

        assertThat(byProduct.canHandle(new Document("batch", "B-1"))).isFalse();
        assertThat(byProduct.canHandle(new Document("product", null))).isFalse();
        assertThat(byProduct.canHandle(new Document("product", new Document("$in", List.of("P-1", List.of("P-2")))))).isFalse();
        assertThat(byProduct.canHandle(new Document("product", new Document("$ne", "P-1")))).isFalse();
        assertThat(byProduct.canHandle(new Document("product", List.of("P-1")))).isFalse();
        assertThat(byProduct.canHandle(new Document("product", Pattern.compile("P-.*")))).isFalse();
        assertThat(byProduct.canHandle(new Document("product", new Document("name", "P-1")))).isFalse();
        assertThat(byProduct.canHandle(new Document("$or", List.of(new Document("product", "P-1"), new Document("product", "P-2"))))).isFalse();
    }

    @Test
    void a_secondary_index_answers_the_documents_beginning_with_the_queried_values_once_each_and_forgets_removed_ones() {
        for (int i = 0; i < 40; i++) {
            byProduct.add(new Document("_id", i).append("product", "P-" + (i % 12)).append("batch", List.of("B-" + (i % 3), "B-x")),
                    i, null);
        }
        assertThat(byProduct.getPositions(new Document("product", "P-1"))).containsExactlyInAnyOrder(1, 13, 25, 37);
        assertThat(byProduct.getPositions(new Document("product", "P-1").append("batch", "B-1"))).containsExactlyInAnyOrder(1, 13, 25, 37);
        assertThat(byProduct.getPositions(new Document("product", "P-1").append("batch", "B-0"))).isEmpty();
        assertThat(byProduct.getPositions(new Document("product", "P-10"))).containsExactlyInAnyOrder(10, 22, 34);
        assertThat(byProduct.getPositions(new Document("product", "P"))).isEmpty();
        assertThat(byProduct.getPositions(new Document("product", "P-1").append("batch", new Document("$in", List.of("B-0", "B-1")))))
                .containsExactlyInAnyOrder(1, 13, 25, 37);
        assertThat(byProduct.getPositions(new Document("product", new Document("$in", List.of("P-1", "P-11")))))
                .containsExactlyInAnyOrder(1, 13, 25, 37, 11, 23, 35);

        assertThat(byProduct.remove(new Document("_id", 13).append("product", "P-1").append("batch", List.of("B-1", "B-x"))))
                .isEqualTo(13);
        assertThat(byProduct.getPositions(new Document("product", "P-1"))).containsExactlyInAnyOrder(1, 25, 37);
    }

    @Test
    void a_unique_index_serves_a_filter_requiring_its_value_among_other_conditions() {
        for (int i = 0; i < 10; i++) {
            byId.add(new Document("_id", "T-" + i), "T-" + i, null);
        }
        Document idAndOwner = new Document("$and", List.of(new Document("_id", "T-3"), new Document("owner", "a")));
        assertThat(byId.canHandle(idAndOwner)).isTrue();
        assertThat(byId.getPositions(idAndOwner)).containsExactly("T-3");
        assertThat(byId.getPositions(new Document("_id", "T-4").append("state", new Document("$in", List.of("A"))))).containsExactly("T-4");
        assertThat(byId.getPositions(new Document("$and", List.of(new Document("_id", "T-42"))))).isEmpty();
        assertThat(byId.canHandle(new Document("owner", "a"))).isFalse();
        assertThat(byId.canHandle(new Document("_id", new Document("$gt", "T-3")).append("owner", "a"))).isFalse();
    }
}
