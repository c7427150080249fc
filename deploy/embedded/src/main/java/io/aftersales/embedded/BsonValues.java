package io.aftersales.embedded;

import java.nio.ByteBuffer;
import java.util.Collection;
import java.util.Map;

import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.bson.BsonDecoder;
import de.bwaldvogel.mongo.wire.bson.BsonEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.ObjectDataType;

/**
 * How the embedded server stores documents and index keys in H2: as BSON, as they arrive on the
 * wire, after a tag byte no H2 type uses. H2's {@link ObjectDataType} stores any object it does not
 * know with Java serialization; every page written at a commit and read back after leaving the
 * cache went through {@code ObjectOutputStream}/{@code ObjectInputStream}, which was most of the
 * infrastructure's CPU under intake load (docs/benchmarks.md "End to end", ADR 0179). A value BSON
 * cannot hold (mongo-java-server's {@code Missing}, say) is stored as before, and a page written
 * before this is read as before: the tag tells the two apart.
 */
final class BsonValues {

    /** ObjectDataType's tags end at 119 ({@code TAG_BYTE_ARRAY_0_15} + 15). */
    private static final byte BSON = (byte) 0xC0;
    private static final byte KEY = (byte) 0xC1;

    private final ObjectDataType objects = new ObjectDataType();

    /**
     * Writes a document as BSON, an index key as a BSON document holding its values under
     * {@code "k"}, and anything else, or a document or key BSON cannot hold, as H2 writes any object.
     */
    void write(WriteBuffer buffer, Object value) {
        if (value instanceof Document document) {
            writeBson(buffer, BSON, document, value);
        } else if (value instanceof KeyValue key) {
            writeBson(buffer, KEY, new Document("k", key.stream().toList()), value);
        } else {
            objects.write(buffer, value);
        }
    }

    private void writeBson(WriteBuffer buffer, byte tag, Document document, Object value) {
        ByteBuf bson = Unpooled.buffer(256);
        try {
            BsonEncoder.encodeDocument(document, bson);
            buffer.put(tag);
            buffer.put(bson.nioBuffer());
        } catch (IllegalArgumentException notBson) {
            objects.write(buffer, value);
        } finally {
            bson.release();
        }
    }

    /** Reads a value {@link #write} wrote, or one H2 wrote before. */
    Object read(ByteBuffer buffer) {
        byte tag = buffer.get(buffer.position());
        if (tag != BSON && tag != KEY) {
            return objects.read(buffer);
        }
        buffer.get();
        ByteBuf bson = Unpooled.wrappedBuffer(buffer.slice());
        Document document = BsonDecoder.decodeBson(bson);
        buffer.position(buffer.position() + bson.readerIndex());
        return tag == KEY ? new KeyValue((Collection<?>) document.get("k")) : document;
    }

    /** Compares as H2 does. */
    int compare(Object a, Object b) {
        return objects.compare(a, b);
    }

    /**
     * A rough size in memory, for H2's cache: H2 measures an unknown object by serializing it, which
     * cost as much as writing it.
     */
    static int memory(Object value) {
        if (value instanceof Map<?, ?> map) {
            int size = 48;
            for (Map.Entry<?, ?> field : map.entrySet()) {
                size += 40 + memory(field.getKey()) + memory(field.getValue());
            }
            return size;
        }
        if (value instanceof Iterable<?> values) {
            int size = 40;
            for (Object each : values) {
                size += 8 + memory(each);
            }
            return size;
        }
        if (value instanceof CharSequence text) {
            return 40 + 2 * text.length();
        }
        return 24;
    }
}
