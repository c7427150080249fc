package io.aftersales.ticket.api;

import java.time.Duration;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A store's service-level promises (domain.md defaults in {@link #defaults()}).
 *
 * @param firstReply     business time from opening to the first reply
 * @param resolution     business time from opening (or reopening) to an agreed resolution, per category; a
 *                       category not in the map has no resolution clock
 * @param calendar       when the store's desk works: only that time counts
 * @param pausedIn       the states in which every clock pauses
 * @param warnAtPercent  a clock warns (and escalates to the store's supervisors) when this share of its
 *                       target is used up
 */
public record SlaPolicy(Duration firstReply, Map<Category, Duration> resolution, BusinessCalendar calendar,
                        Set<TicketStatus> pausedIn, int warnAtPercent) {

    public SlaPolicy {
        if (warnAtPercent < 1 || warnAtPercent > 99) {
            throw new IllegalArgumentException("warnAtPercent must be from 1 to 99, not " + warnAtPercent);
        }
        resolution = resolution == null ? Map.of() : Map.copyOf(resolution);
        pausedIn = pausedIn == null ? Set.of() : Set.copyOf(pausedIn);
    }

    public static SlaPolicy defaults() {
        Map<Category, Duration> resolution = new EnumMap<>(Category.class);
        resolution.put(Category.LOGISTICS, Duration.ofHours(48));
        resolution.put(Category.DAMAGED_PACKAGE, Duration.ofHours(48));
        return new SlaPolicy(Duration.ofMinutes(5), resolution, BusinessCalendar.defaults(),
                EnumSet.of(TicketStatus.WAITING_BUYER), 80);
    }

    /** The target of a clock on a ticket of that category; empty: the ticket has no such clock. */
    public Optional<Duration> target(ClockKind clock, Category category) {
        return switch (clock) {
            case FIRST_REPLY -> Optional.of(firstReply);
            case RESOLUTION -> Optional.ofNullable(category == null ? null : resolution.get(category));
            case PLATFORM_RESPONSE -> Optional.empty(); // the ticket's own deadline, see TicketClocks
        };
    }

    /** The business time after which a clock with that target warns. */
    public Duration warnAfter(Duration target) {
        return target.multipliedBy(warnAtPercent).dividedBy(100);
    }

    public SlaPolicy withCalendar(BusinessCalendar calendar) {
        return new SlaPolicy(firstReply, resolution, calendar, pausedIn, warnAtPercent);
    }
}
