package io.aftersales.ticket.api;

/** Where a clock stands. */
public enum ClockState {
    /** Using up business time (whenever the store's desk is open). */
    RUNNING,
    /** The ticket is in a state that pauses clocks (waiting on the buyer, by default). */
    PAUSED,
    /** The promise was kept or no longer applies (replied, resolution agreed, cancelled, closed). */
    STOPPED
}
