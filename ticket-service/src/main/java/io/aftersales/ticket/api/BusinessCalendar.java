package io.aftersales.ticket.api;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.EnumSet;
import java.util.Set;

/**
 * When a store's service desk works, in the store's time zone: the days of the week, one span of
 * hours each day ({@code closes} {@code 00:00} is midnight at the end of the day), and holidays; or
 * {@code alwaysOpen} (24/7). Clocks count business time only: time outside it does not use up a
 * promise.
 */
public record BusinessCalendar(ZoneId zone, boolean alwaysOpen, Set<DayOfWeek> days, LocalTime opens,
                               LocalTime closes, Set<LocalDate> holidays) {

    /** How far ahead a calendar is searched for business time: a year of holidays at most. */
    private static final int MAX_DAYS = 3_660;

    public BusinessCalendar {
        if (zone == null) {
            throw new IllegalArgumentException("a calendar needs its time zone");
        }
        days = days == null || days.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(days));
        holidays = holidays == null ? Set.of() : Set.copyOf(holidays);
        if (!alwaysOpen) {
            if (days.isEmpty()) {
                throw new IllegalArgumentException("a calendar that is not 24/7 needs at least one working day");
            }
            if (opens == null || closes == null) {
                throw new IllegalArgumentException("a calendar that is not 24/7 needs its opening and closing time");
            }
            if (!closes.equals(LocalTime.MIDNIGHT) && !closes.isAfter(opens)) {
                throw new IllegalArgumentException("closes (" + closes + ") must be after opens (" + opens + ")");
            }
        }
    }

    /** Open all the time, in the given zone. */
    public static BusinessCalendar twentyFourSeven(ZoneId zone) {
        return new BusinessCalendar(zone, true, Set.of(), null, null, Set.of());
    }

    /** Every day of the week from {@code opens} to {@code closes}, no holidays. */
    public static BusinessCalendar everyDay(ZoneId zone, LocalTime opens, LocalTime closes) {
        return new BusinessCalendar(zone, false, EnumSet.allOf(DayOfWeek.class), opens, closes, Set.of());
    }

    /** The default: every day 09:00 to 23:00, Beijing time (the evening shift ends at 23:00). */
    public static BusinessCalendar defaults() {
        return everyDay(ZoneId.of("Asia/Shanghai"), LocalTime.of(9, 0), LocalTime.of(23, 0));
    }

    /** The business time between two instants (zero when {@code to} is not after {@code from}). */
    public Duration businessTime(Instant from, Instant to) {
        if (!to.isAfter(from)) {
            return Duration.ZERO;
        }
        if (alwaysOpen) {
            return Duration.between(from, to);
        }
        Duration total = Duration.ZERO;
        LocalDate last = to.atZone(zone).toLocalDate();
        int guard = 0;
        for (LocalDate date = from.atZone(zone).toLocalDate(); !date.isAfter(last) && guard < MAX_DAYS;
             date = date.plusDays(1), guard++) {
            Span span = span(date);
            if (span == null) {
                continue;
            }
            Instant start = span.start().isAfter(from) ? span.start() : from;
            Instant end = span.end().isBefore(to) ? span.end() : to;
            if (end.isAfter(start)) {
                total = total.plus(Duration.between(start, end));
            }
        }
        return total;
    }

    /**
     * The instant at which {@code amount} of business time has passed after {@code from}: the
     * promise's due time when the clock runs from {@code from} on. Zero is {@code from} itself.
     */
    public Instant plusBusinessTime(Instant from, Duration amount) {
        if (amount.isNegative() || amount.isZero()) {
            return from;
        }
        if (alwaysOpen) {
            return from.plus(amount);
        }
        Duration left = amount;
        LocalDate date = from.atZone(zone).toLocalDate();
        for (int guard = 0; guard < MAX_DAYS; guard++, date = date.plusDays(1)) {
            Span span = span(date);
            if (span == null || !span.end().isAfter(from)) {
                continue;
            }
            Instant start = span.start().isAfter(from) ? span.start() : from;
            Duration available = Duration.between(start, span.end());
            if (left.compareTo(available) <= 0) {
                return start.plus(left);
            }
            left = left.minus(available);
        }
        throw new IllegalStateException("no business time within " + MAX_DAYS + " days of " + from);
    }

    /** Whether the desk works at that instant. */
    public boolean isOpen(Instant at) {
        if (alwaysOpen) {
            return true;
        }
        Span span = span(at.atZone(zone).toLocalDate());
        return span != null && !at.isBefore(span.start()) && at.isBefore(span.end());
    }

    /** The working span of a date, or null on a day off or a holiday. */
    private Span span(LocalDate date) {
        if (!days.contains(date.getDayOfWeek()) || holidays.contains(date)) {
            return null;
        }
        Instant start = ZonedDateTime.of(date, opens, zone).toInstant();
        Instant end = closes.equals(LocalTime.MIDNIGHT)
                ? date.plusDays(1).atStartOfDay(zone).toInstant()
                : ZonedDateTime.of(date, closes, zone).toInstant();
        return new Span(start, end);
    }

    private record Span(Instant start, Instant end) {
    }
}
