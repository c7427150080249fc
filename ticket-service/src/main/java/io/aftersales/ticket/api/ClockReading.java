package io.aftersales.ticket.api;

import java.time.Duration;
import java.time.Instant;

/**
 * One clock of a ticket at one instant, in business time.
 *
 * @param elapsed  business time used so far in this cycle
 * @param left     business time left before the promise breaks (negative: overdue)
 * @param warnAt   when the warning is due (in the past once passed); null while paused or stopped before it
 * @param dueAt    when the promise breaks (in the past once broken); null while paused or stopped before it
 * @param warned   a warning is recorded for this cycle
 * @param breached a breach is recorded for this cycle
 */
public record ClockReading(ClockKind clock, int cycle, ClockState state, Duration target, Duration warnAfter,
                           Duration elapsed, Duration left, Instant warnAt, Instant dueAt, boolean warned,
                           boolean breached) {

    /** Whether the target is used up (recorded or not yet). */
    public boolean overdue() {
        return left.isNegative() || left.isZero();
    }
}
