package io.aftersales.platform.messaging;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.listener.BatchListenerFailedException;

/**
 * Handles the records of one poll at once, several at a time: records with the same key one after
 * the other in their order, records with different keys in parallel, on up to {@code parallelism}
 * threads. A consumer whose handling waits on MongoDB round trips (the inbox, the event store)
 * otherwise handled one record per round trip and fell behind the topic (docs/benchmarks.md, ADR
 * 0181); in parallel, the writes share the store's commits.
 *
 * <p>Returns when every record is handled: the container then commits the poll's offsets. When a
 * record fails, the later records of its key are not handled, and the failure of the first failed
 * record in the poll's order is thrown as a {@link BatchListenerFailedException} naming it, so the
 * error handler commits the records before it and retries, dead-letters or waits out that record
 * as for a record listener ({@code MessagingConfiguration}); the records after it come again, and
 * the inbox passes over those that were already handled.
 */
public final class RecordsInParallel implements AutoCloseable {

    private final ExecutorService workers;

    public RecordsInParallel(String name, int parallelism) {
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism must be at least 1, was " + parallelism);
        }
        AtomicInteger threads = new AtomicInteger();
        this.workers = Executors.newFixedThreadPool(parallelism, task -> {
            Thread thread = new Thread(task, name + "-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    public <K, V> void handle(List<ConsumerRecord<K, V>> records, Consumer<ConsumerRecord<K, V>> handler) {
        Map<Object, List<Integer>> byKey = new LinkedHashMap<>();
        for (int i = 0; i < records.size(); i++) {
            ConsumerRecord<K, V> record = records.get(i);
            Object key = record.key() != null ? record.key() : record.topic() + "-" + record.partition() + "@" + record.offset();
            byKey.computeIfAbsent(key, k -> new ArrayList<>()).add(i);
        }
        RuntimeException[] failures = new RuntimeException[records.size()];
        List<Future<?>> handled = new ArrayList<>(byKey.size());
        for (List<Integer> sameKey : byKey.values()) {
            handled.add(workers.submit(() -> {
                for (int index : sameKey) {
                    try {
                        handler.accept(records.get(index));
                    } catch (RuntimeException failure) {
                        failures[index] = failure;
                        return;
                    }
                }
            }));
        }
        for (Future<?> each : handled) {
            try {
                each.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                handled.forEach(task -> task.cancel(true));
                throw new IllegalStateException("interrupted while handling a poll of " + records.size() + " records", e);
            } catch (ExecutionException e) {
                throw new IllegalStateException("handling a record failed", e.getCause());
            }
        }
        for (int i = 0; i < failures.length; i++) {
            if (failures[i] != null) {
                throw new BatchListenerFailedException(failures[i].getMessage(), failures[i], i);
            }
        }
    }

    @Override
    public void close() {
        workers.shutdownNow();
    }
}
