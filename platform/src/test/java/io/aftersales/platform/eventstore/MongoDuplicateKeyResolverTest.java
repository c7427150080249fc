package io.aftersales.platform.eventstore;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;

import com.mongodb.MongoBulkWriteException;
import com.mongodb.MongoCommandException;
import com.mongodb.MongoSocketReadException;
import com.mongodb.MongoWriteException;
import com.mongodb.ServerAddress;
import com.mongodb.WriteError;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.bulk.BulkWriteResult;
import org.axonframework.eventsourcing.eventstore.EventStoreException;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonString;
import org.junit.jupiter.api.Test;

class MongoDuplicateKeyResolverTest {

    private final MongoDuplicateKeyResolver resolver = new MongoDuplicateKeyResolver();
    private final ServerAddress server = new ServerAddress();

    @Test
    void insert_rejected_by_a_unique_index_is_a_duplicate_key_violation() {
        assertThat(resolver.isDuplicateKeyViolation(writeError(11000))).isTrue();
    }

    @Test
    void bulk_insert_rejected_by_a_unique_index_is_a_duplicate_key_violation() {
        MongoBulkWriteException bulk = new MongoBulkWriteException(
                BulkWriteResult.unacknowledged(),
                List.of(new BulkWriteError(11000, "E11000 duplicate key error", new BsonDocument(), 0)),
                null, server, Set.of());

        assertThat(resolver.isDuplicateKeyViolation(bulk)).isTrue();
    }

    @Test
    void upsert_rejected_by_a_unique_index_is_a_duplicate_key_violation() {
        MongoCommandException command = new MongoCommandException(
                new BsonDocument("ok", new BsonInt32(0)).append("code", new BsonInt32(11000))
                                                        .append("errmsg", new BsonString("E11000")),
                server);

        assertThat(resolver.isDuplicateKeyViolation(command)).isTrue();
    }

    @Test
    void duplicate_key_violation_is_found_behind_a_wrapping_exception() {
        assertThat(resolver.isDuplicateKeyViolation(new EventStoreException("append failed", writeError(11000))))
                .isTrue();
    }

    @Test
    void other_write_errors_and_network_failures_are_not_duplicate_key_violations() {
        assertThat(resolver.isDuplicateKeyViolation(writeError(121))).as("document validation").isFalse();
        assertThat(resolver.isDuplicateKeyViolation(new MongoSocketReadException("reset", server))).isFalse();
        assertThat(resolver.isDuplicateKeyViolation(new IllegalStateException())).isFalse();
    }

    private MongoWriteException writeError(int code) {
        return new MongoWriteException(new WriteError(code, "error " + code, new BsonDocument()), server, Set.of());
    }
}
