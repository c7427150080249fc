package io.aftersales.platform.axon;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.gateway.RetryScheduler;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;

import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Retries a command that lost a race in the event store (another instance appended to the same
 * aggregate first: {@link ConcurrencyException}, or created it first:
 * {@link AggregateStreamCreationException}); the retry loads the winner's events and decides
 * again. Back-off doubles from 10 ms up to 1 s, with jitter so that two instances do not collide
 * in lockstep. Every other failure (a broken rule, an unknown aggregate) is answered at once. Any
 * service whose aggregates are contended by two instances sets it on its command gateway.
 */
public final class ConflictRetries implements RetryScheduler {

    private static final long FIRST_DELAY_MS = 10;
    private static final long MAX_DELAY_MS = 1000;

    private final ScheduledExecutorService executor;
    private final int maxRetries;
    private final Counter retries;

    public ConflictRetries(ScheduledExecutorService executor, int maxRetries, MeterRegistry meterRegistry) {
        this.executor = executor;
        this.maxRetries = maxRetries;
        this.retries = Counter.builder("aftersales_command_conflict_retries")
                .description("Commands retried because another instance changed the same aggregate first")
                .register(meterRegistry);
    }

    @Override
    public boolean scheduleRetry(CommandMessage commandMessage, RuntimeException lastFailure,
                                 List<Class<? extends Throwable>[]> failures, Runnable dispatchTask) {
        if (!isConflict(lastFailure) || failures.size() > maxRetries) {
            return false;
        }
        long backoff = Math.min(MAX_DELAY_MS, FIRST_DELAY_MS << Math.min(failures.size() - 1, 10));
        long delay = backoff / 2 + ThreadLocalRandom.current().nextLong(backoff / 2 + 1);
        try {
            executor.schedule(dispatchTask, delay, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException shuttingDown) {
            return false;
        }
        retries.increment();
        return true;
    }

    public static boolean isConflict(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ConcurrencyException || t instanceof AggregateStreamCreationException) {
                return true;
            }
        }
        return false;
    }
}
