package io.aftersales.ticket.api;

import org.junit.jupiter.api.Test;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Business time in a store's own time zone, hours, working days and holidays. */
class BusinessCalendarTest {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    /** Monday to Friday 09:00-18:00 Beijing time, 2026-12-25 (a Friday) a holiday. */
    private static final BusinessCalendar OFFICE = new BusinessCalendar(SHANGHAI, false,
            EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY), LocalTime.of(9, 0), LocalTime.of(18, 0),
            Set.of(LocalDate.parse("2026-12-25")));

    @Test
    void the_time_over_a_weekend_counts_only_friday_evening_and_monday_morning() {
        // Friday 2026-12-04 17:00 to Monday 2026-12-07 10:00, Beijing time
        Instant friday = Instant.parse("2026-12-04T09:00:00Z");
        Instant monday = Instant.parse("2026-12-07T02:00:00Z");

        assertThat(OFFICE.businessTime(friday, monday)).isEqualTo(Duration.ofHours(2));
        assertThat(OFFICE.plusBusinessTime(friday, Duration.ofHours(2))).isEqualTo(monday);
    }

    @Test
    void a_holiday_counts_nothing_so_a_promise_made_the_day_before_falls_due_after_the_weekend() {
        // Thursday 2026-12-24 17:58 Beijing time + 5 minutes: 2 on Thursday, 3 on Monday 28th (Friday 25th a holiday)
        Instant thursday = Instant.parse("2026-12-24T09:58:00Z");

        Instant due = OFFICE.plusBusinessTime(thursday, Duration.ofMinutes(5));

        assertThat(due).isEqualTo(Instant.parse("2026-12-28T01:03:00Z"));
        assertThat(OFFICE.businessTime(thursday, due)).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void a_promise_made_at_night_starts_counting_when_the_desk_opens() {
        Instant night = Instant.parse("2026-12-07T15:00:00Z"); // Monday 23:00 Beijing time

        assertThat(OFFICE.isOpen(night)).isFalse();
        assertThat(OFFICE.plusBusinessTime(night, Duration.ofMinutes(5)))
                .isEqualTo(Instant.parse("2026-12-08T01:05:00Z")); // Tuesday 09:05
    }

    @Test
    void the_same_instant_is_in_hours_for_one_store_and_outside_them_for_another_in_another_time_zone() {
        BusinessCalendar berlin = new BusinessCalendar(ZoneId.of("Europe/Berlin"), false,
                EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY), LocalTime.of(9, 0), LocalTime.of(18, 0), Set.of());
        Instant instant = Instant.parse("2026-12-07T02:00:00Z"); // 10:00 in Shanghai, 03:00 in Berlin

        assertThat(OFFICE.isOpen(instant)).isTrue();
        assertThat(berlin.isOpen(instant)).isFalse();
        assertThat(berlin.plusBusinessTime(instant, Duration.ofMinutes(5)))
                .isEqualTo(Instant.parse("2026-12-07T08:05:00Z")); // 09:05 in Berlin
    }

    @Test
    void a_day_across_a_daylight_saving_change_has_its_hours_in_local_time() {
        BusinessCalendar berlin = BusinessCalendar.everyDay(ZoneId.of("Europe/Berlin"), LocalTime.of(0, 0),
                LocalTime.MIDNIGHT);
        // 2026-03-29: clocks go forward, the local day has 23 hours
        Instant start = Instant.parse("2026-03-28T23:00:00Z");
        Instant end = Instant.parse("2026-03-29T22:00:00Z");

        assertThat(berlin.businessTime(start, end)).isEqualTo(Duration.ofHours(23));
    }

    @Test
    void a_store_open_around_the_clock_counts_every_minute() {
        BusinessCalendar always = BusinessCalendar.twentyFourSeven(SHANGHAI);
        Instant saturdayNight = Instant.parse("2026-12-05T17:00:00Z");

        assertThat(always.plusBusinessTime(saturdayNight, Duration.ofMinutes(5)))
                .isEqualTo(saturdayNight.plusSeconds(300));
        assertThat(always.businessTime(saturdayNight, saturdayNight.plusSeconds(3600))).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void a_calendar_without_working_days_or_closing_before_it_opens_is_refused() {
        assertThatThrownBy(() -> new BusinessCalendar(SHANGHAI, false, Set.of(), LocalTime.of(9, 0),
                LocalTime.of(18, 0), Set.of())).hasMessageContaining("working day");
        assertThatThrownBy(() -> BusinessCalendar.everyDay(SHANGHAI, LocalTime.of(18, 0), LocalTime.of(9, 0)))
                .hasMessageContaining("after opens");
    }
}
