package io.aftersales.ticket.api;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * A store's night-shift handover (晚班交接): at {@code shiftEnds} (store time) the tickets left open become
 * that night's handover list, each to be cleared by {@code clearBy} the next day; what is not cleared then
 * is escalated. The store's time zone is its business calendar's.
 */
public record HandoverPolicy(LocalTime shiftEnds, LocalTime clearBy) {

    public static final String NOT_CLEARED = "night-shift handover not cleared by noon";

    public HandoverPolicy {
        if (shiftEnds == null || clearBy == null) {
            throw new IllegalArgumentException("a handover needs the end of the shift and the time to clear it by");
        }
    }

    public static HandoverPolicy defaults() {
        return new HandoverPolicy(LocalTime.of(23, 0), LocalTime.NOON);
    }

    /** The end of the evening shift of {@code night} (a store-local date), in the store's zone. */
    public ZonedDateTime shiftEnd(LocalDate night, ZoneId zone) {
        return night.atTime(shiftEnds).atZone(zone);
    }

    /** The time by which the list of {@code night} must be cleared: {@code clearBy} the next day. */
    public ZonedDateTime clearBy(LocalDate night, ZoneId zone) {
        return night.plusDays(1).atTime(clearBy).atZone(zone);
    }
}
