package io.aftersales.platform.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.listener.BatchListenerFailedException;

/** A poll's records handled in parallel by key, in order within a key, the first failure named by its place (ADR 0181). */
class RecordsInParallelTest {

    private final RecordsInParallel parallel = new RecordsInParallel("test", 4);

    @AfterEach
    void close() {
        parallel.close();
    }

    @Test
    void records_of_different_keys_are_handled_at_the_same_time() {
        CountDownLatch allStarted = new CountDownLatch(4);
        List<Boolean> sawTheOthers = Collections.synchronizedList(new ArrayList<>());

        parallel.handle(records("T-1", "T-2", "T-3", "T-4"), record -> {
            allStarted.countDown();
            try {
                // one at a time, the first record would wait here for the others in vain
                sawTheOthers.add(allStarted.await(10, TimeUnit.SECONDS));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });

        assertThat(sawTheOthers).containsExactly(true, true, true, true);
    }

    @Test
    void records_of_one_key_are_handled_in_their_order() {
        List<Long> handled = Collections.synchronizedList(new ArrayList<>());

        parallel.handle(records("T-1", "T-2", "T-1", "T-1", "T-2", "T-1"), record -> {
            if (record.key().equals("T-1")) {
                handled.add(record.offset());
            }
        });

        assertThat(handled).containsExactly(0L, 2L, 3L, 5L);
    }

    @Test
    void a_failure_stops_its_key_and_is_thrown_with_the_place_of_the_first_failed_record() {
        List<Long> handled = Collections.synchronizedList(new ArrayList<>());
        List<ConsumerRecord<String, String>> poll = records("T-1", "T-2", "T-3", "T-2", "T-3", "T-1");

        assertThatThrownBy(() -> parallel.handle(poll, record -> {
            if (record.offset() == 3 || record.offset() == 4) {
                throw new IllegalStateException("refused " + record.offset());
            }
            handled.add(record.offset());
        }))
                .isInstanceOfSatisfying(BatchListenerFailedException.class, failure -> {
                    assertThat(failure.getIndex()).isEqualTo(3);
                    assertThat(failure.getCause()).hasMessage("refused 3");
                });
        assertThat(handled).containsExactlyInAnyOrder(0L, 1L, 2L, 5L);
    }

    private static List<ConsumerRecord<String, String>> records(String... keys) {
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        for (int i = 0; i < keys.length; i++) {
            records.add(new ConsumerRecord<>("aftersales.tickets.v1", 0, i, keys[i], "event " + i));
        }
        return records;
    }
}
