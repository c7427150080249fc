package io.aftersales.platform.messaging;

import com.mongodb.MongoConnectionPoolClearedException;
import com.mongodb.MongoException;
import com.mongodb.MongoExecutionTimeoutException;
import com.mongodb.MongoNodeIsRecoveringException;
import com.mongodb.MongoNotPrimaryException;
import com.mongodb.MongoSocketException;
import com.mongodb.MongoTimeoutException;
import jakarta.validation.ConstraintViolationException;
import org.apache.kafka.common.errors.RetriableException;
import org.axonframework.common.AxonTransientException;

import java.net.ConnectException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.concurrent.TimeoutException;

/**
 * Sorts a consumer's failures into those worth waiting out and those that can never succeed.
 *
 * <ul>
 *   <li><b>Transient</b> (the infrastructure, not the message): MongoDB unreachable or timing out
 *   ({@code MongoSocket*}, {@code MongoTimeout*}, not primary, recovering, pool cleared, retryable
 *   error labels), Axon's transient exceptions (a concurrency conflict, no handler yet), refused or
 *   timed-out connections, Kafka's retriable errors. Retried with back-off for as long as it takes,
 *   holding the partition. Found anywhere in the cause chain, because Axon wraps a store failure
 *   in its non-transient {@code EventStoreException}.</li>
 *   <li><b>Permanent</b>: {@link MalformedMessageException} (not a CloudEvent, data not of its
 *   type, a required field missing) and bean-validation failures: dead-lettered at once.</li>
 *   <li>Anything else (a bug, a downstream refusal): a few retries, then the dead-letter topic.</li>
 * </ul>
 */
public final class ConsumerFailures {

    private ConsumerFailures() {
    }

    public static boolean isTransient(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (isTransientItself(t)) {
                return true;
            }
        }
        return false;
    }

    public static boolean isPermanent(Throwable failure) {
        if (isTransient(failure)) {
            return false;
        }
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof MalformedMessageException || t instanceof ConstraintViolationException) {
                return true;
            }
        }
        return false;
    }

    private static boolean isTransientItself(Throwable t) {
        if (t instanceof MongoSocketException
                || t instanceof MongoTimeoutException
                || t instanceof MongoExecutionTimeoutException
                || t instanceof MongoNotPrimaryException
                || t instanceof MongoNodeIsRecoveringException
                || t instanceof MongoConnectionPoolClearedException) {
            return true;
        }
        if (t instanceof MongoException mongo && (mongo.hasErrorLabel("RetryableWriteError")
                || mongo.hasErrorLabel(MongoException.TRANSIENT_TRANSACTION_ERROR_LABEL))) {
            return true;
        }
        return t instanceof AxonTransientException
                || t instanceof RetriableException
                || t instanceof ConnectException
                || t instanceof SocketTimeoutException
                || t instanceof SocketException
                || t instanceof UnknownHostException
                || t instanceof TimeoutException;
    }
}
