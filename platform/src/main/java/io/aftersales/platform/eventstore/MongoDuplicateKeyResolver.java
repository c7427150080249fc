package io.aftersales.platform.eventstore;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.MongoServerException;
import com.mongodb.MongoWriteException;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;

/**
 * Tells Axon that a MongoDB write failed on a unique index (error code 11000 and its relatives),
 * so that {@link org.axonframework.eventsourcing.eventstore.AbstractEventStorageEngine} turns it
 * into a {@link org.axonframework.modelling.command.ConcurrencyException} (or an
 * {@link org.axonframework.modelling.command.AggregateStreamCreationException} for sequence 0)
 * instead of a generic {@link org.axonframework.eventsourcing.eventstore.EventStoreException}.
 */
public final class MongoDuplicateKeyResolver implements PersistenceExceptionResolver {

    @Override
    public boolean isDuplicateKeyViolation(Exception exception) {
        return isDuplicateKey(exception);
    }

    /** Whether {@code throwable} or one of its causes is a duplicate-key error of the server. */
    static boolean isDuplicateKey(Throwable throwable) {
        for (Throwable t = throwable; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof MongoWriteException write
                    && ErrorCategory.fromErrorCode(write.getError().getCode()) == ErrorCategory.DUPLICATE_KEY) {
                return true;
            }
            if (t instanceof MongoBulkWriteException bulk && bulk.getWriteErrors().stream()
                    .anyMatch(e -> ErrorCategory.fromErrorCode(e.getCode()) == ErrorCategory.DUPLICATE_KEY)) {
                return true;
            }
            // findOneAndUpdate/upsert report duplicate keys as a command error
            if (t instanceof MongoServerException server
                    && ErrorCategory.fromErrorCode(server.getCode()) == ErrorCategory.DUPLICATE_KEY) {
                return true;
            }
        }
        return false;
    }
}
