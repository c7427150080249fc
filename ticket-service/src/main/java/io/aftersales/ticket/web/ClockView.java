package io.aftersales.ticket.web;

import io.aftersales.ticket.api.ClockReading;

import java.time.Instant;

/**
 * One clock of a ticket as the API shows it; durations are business time, ISO-8601 ({@code PT4M}).
 *
 * @param state   RUNNING, PAUSED (waiting on the buyer) or STOPPED (replied, resolution agreed, closed)
 * @param left    business time left (negative: overdue)
 * @param warnAt  when it warns or warned; null while paused or stopped before it
 * @param dueAt   when the promise breaks or broke; null while paused or stopped before it
 * @param warned  the warning is recorded
 * @param breached the breach is recorded
 */
public record ClockView(String clock, int cycle, String state, String target, String elapsed, String left,
                        Instant warnAt, Instant dueAt, boolean warned, boolean breached, boolean overdue) {

    static ClockView of(ClockReading reading) {
        return new ClockView(reading.clock().name(), reading.cycle(), reading.state().name(),
                reading.target().toString(), reading.elapsed().toString(), reading.left().toString(),
                reading.warnAt(), reading.dueAt(), reading.warned(), reading.breached(), reading.overdue());
    }
}
