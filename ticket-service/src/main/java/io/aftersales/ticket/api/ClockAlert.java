package io.aftersales.ticket.api;

/** What a clock says when its time runs short: a warning (before), a breach (after). */
public enum ClockAlert {
    WARNING,
    BREACH
}
