package io.aftersales.platform.eventstore;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

import org.axonframework.eventhandling.GenericEventMessage;

/**
 * The system clock plus an offset that a test moves forward, installed as Axon's event clock
 * (event timestamps and the engine's gap timeout both read it), so that a gap timeout can pass
 * without waiting for it.
 */
final class TestClock extends Clock {

    private final AtomicReference<Duration> offset = new AtomicReference<>(Duration.ZERO);

    private TestClock() {
    }

    static TestClock install() {
        TestClock clock = new TestClock();
        GenericEventMessage.clock = clock;
        return clock;
    }

    static void uninstall() {
        GenericEventMessage.clock = Clock.systemUTC();
    }

    void advance(Duration duration) {
        offset.accumulateAndGet(duration, Duration::plus);
    }

    @Override
    public Instant instant() {
        return Instant.now().plus(offset.get());
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException();
    }
}
