package io.aftersales.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.ObjectId;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.DataType;
import org.h2.mvstore.type.ObjectDataType;
import org.junit.jupiter.api.Test;

/** Documents and index keys stored as BSON, and values stored before (Java serialization) still read (ADR 0179). */
class BsonValuesTest {

    private final DocumentType documents = new DocumentType();
    private final IndexKeyType keys = IndexKeyType.prefixFirst();

    @Test
    void a_document_is_stored_as_bson_after_its_tag_and_read_back_equal_with_its_types() {
        Document ticket = new Document("_id", "T-1").append("n", 7).append("total", 12L).append("amount", 25.9)
                .append("open", true).append("at", Instant.ofEpochMilli(1_764_000_000_123L)).append("id", UUID.randomUUID())
                .append("oid", new ObjectId()).append("none", null)
                .append("lines", List.of(new Document("sku", "S-1").append("qty", 2), "x", 3.5))
                .append("nested", new Document("b", new Document("c", List.of())));

        ByteBuffer stored = written(documents, ticket);

        assertThat(stored.get(0)).isEqualTo((byte) 0xC0);
        assertThat(stored.remaining()).isLessThan(written(new ObjectDataType(), ticket).remaining() / 2);
        Object read = documents.read(stored);
        assertThat(read).isEqualTo(ticket);
        assertThat(((Document) read).get("n")).isInstanceOf(Integer.class);
        assertThat(((Document) read).get("total")).isInstanceOf(Long.class);
        assertThat(stored.remaining()).isZero();
    }

    @Test
    void a_document_bson_cannot_hold_and_one_written_before_are_stored_and_read_as_h2_does() {
        Document withFloat = new Document("_id", "T-2").append("ratio", 1.5f);
        ByteBuffer stored = written(documents, withFloat);
        assertThat(stored.get(0)).isNotEqualTo((byte) 0xC0);
        assertThat(documents.read(stored)).isEqualTo(withFloat);

        Document before = new Document("_id", "T-3").append("status", "OPEN");
        assertThat(documents.read(written(new ObjectDataType(), before))).isEqualTo(before);
    }

    @Test
    void an_index_key_is_stored_as_bson_and_read_back_equal_and_one_written_before_still_reads() {
        KeyValue key = new KeyValue("P-1", null, 7.0, new Document("a", "T-1").append("s", 3L), "T-9");
        ByteBuffer stored = written(keys, key);
        assertThat(stored.get(0)).isEqualTo((byte) 0xC1);
        KeyValue read = (KeyValue) keys.read(stored);
        assertThat(read).isEqualTo(key);
        assertThat(keys.compare(read, key)).isZero();

        assertThat(keys.read(written(new ObjectDataType(), key))).isEqualTo(key);
        assertThat(keys.read(written(keys, "T-1"))).isEqualTo("T-1");
    }

    private static ByteBuffer written(DataType<Object> type, Object value) {
        WriteBuffer buffer = new WriteBuffer();
        type.write(buffer, value);
        ByteBuffer bytes = buffer.getBuffer();
        bytes.flip();
        return bytes;
    }
}
