package io.aftersales.embedded;

import java.nio.ByteBuffer;

import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.BasicDataType;

/** The value type of a collection's H2 map: its documents, stored as BSON ({@link BsonValues}, ADR 0179). */
final class DocumentType extends BasicDataType<Object> {

    private final BsonValues bson = new BsonValues();

    @Override
    public int getMemory(Object document) {
        return BsonValues.memory(document);
    }

    @Override
    public void write(WriteBuffer buffer, Object value) {
        bson.write(buffer, value);
    }

    @Override
    public Object read(ByteBuffer buffer) {
        return bson.read(buffer);
    }

    @Override
    public int compare(Object a, Object b) {
        return bson.compare(a, b);
    }

    @Override
    public Object[] createStorage(int size) {
        return new Object[size];
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof DocumentType;
    }

    @Override
    public int hashCode() {
        return DocumentType.class.hashCode();
    }
}
