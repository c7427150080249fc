package io.aftersales.ticket;

import io.aftersales.ticket.api.Platform;
import io.aftersales.ticket.api.HandoverPolicy;
import java.util.Set;
import java.util.EnumSet;
import java.time.ZoneId;
import java.time.LocalTime;
import java.time.LocalDate;
import java.time.DayOfWeek;
import io.aftersales.ticket.api.TicketStatus;
import io.aftersales.ticket.api.SlaPolicy;
import io.aftersales.ticket.api.Category;
import io.aftersales.ticket.api.BusinessCalendar;
import io.aftersales.ticket.api.CompensationLimits;
import io.aftersales.ticket.api.StorePolicies;
import io.aftersales.ticket.api.TicketTimings;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The per-store policy settings, bound with Spring Boot's Binder over a map of properties (no application context). */
class TicketPolicyConfigurationTest {

    private static final String DEFAULTS = "aftersales.tickets.policy.defaults.";
    private static final String TMALL = "aftersales.tickets.policy.stores.tmall-flagship.";

    @Test
    void without_settings_every_store_is_on_the_defaults_of_domain_md() {
        // given no properties
        // when the policies are bound
        StorePolicies policies = bind(Map.of());
        // then every store gets domain.md's defaults
        assertThat(policies.compensation("any-store")).isEqualTo(CompensationLimits.defaults());
        assertThat(policies.timings("any-store")).isEqualTo(TicketTimings.defaults());
    }

    @Test
    void every_field_of_the_defaults_can_be_set() {
        StorePolicies policies = bind(Map.ofEntries(
                Map.entry(DEFAULTS + "round-trip-postage", "12"),
                Map.entry(DEFAULTS + "settle-margin", "3.50"),
                Map.entry(DEFAULTS + "deepest-discount", "0.70"),
                Map.entry(DEFAULTS + "waived-price-difference", "8"),
                Map.entry(DEFAULTS + "depreciation-per-day", "0.01"),
                Map.entry(DEFAULTS + "depreciation-after-days", "14"),
                Map.entry(DEFAULTS + "depreciating-products", "SHOE-,BOOT-"),
                Map.entry(DEFAULTS + "repairs-before-exchange", "3"),
                Map.entry(DEFAULTS + "currency", "USD"),
                Map.entry(DEFAULTS + "photo-window", "2d"),
                Map.entry(DEFAULTS + "reopen-window", "30d"),
                Map.entry(DEFAULTS + "auto-close-after", "PT72H"),
                Map.entry(DEFAULTS + "transaction-extension-days", "7")));

        assertThat(policies.compensation("any-store")).isEqualTo(new CompensationLimits(new BigDecimal("12.00"),
                new BigDecimal("3.50"), new BigDecimal("0.70"), new BigDecimal("8.00"), new BigDecimal("0.01"), 14,
                List.of("SHOE-", "BOOT-"), 3, "USD"));
        assertThat(policies.timings("any-store")).isEqualTo(
                new TicketTimings(Duration.ofDays(2), Duration.ofDays(30), Duration.ofHours(72), 7));
    }

    @Test
    void a_store_overrides_some_settings_on_top_of_the_configured_defaults() {
        // given defaults with postage 20 and a store that only changes its margin, products and photo window
        StorePolicies policies = bind(Map.of(
                DEFAULTS + "round-trip-postage", "20",
                TMALL + "settle-margin", "3",
                TMALL + "depreciating-products[0]", "XIE-",
                TMALL + "photo-window", "5d"));
        // then the store has its overrides and the configured defaults for the rest
        CompensationLimits tmall = policies.compensation("tmall-flagship");
        assertThat(tmall.roundTripPostage()).isEqualTo(new BigDecimal("20.00"));
        assertThat(tmall.settleMargin()).isEqualTo(new BigDecimal("3.00"));
        assertThat(tmall.depreciatingProducts()).containsExactly("XIE-");
        assertThat(tmall.deepestDiscount()).isEqualTo(CompensationLimits.defaults().deepestDiscount());
        assertThat(tmall.currency()).isEqualTo("CNY");
        assertThat(policies.timings("tmall-flagship")).isEqualTo(new TicketTimings(Duration.ofDays(5),
                Duration.ofDays(15), Duration.ofDays(7), 10));
        // and any other store only the defaults
        assertThat(policies.compensation("jd-outlet").roundTripPostage()).isEqualTo(new BigDecimal("20.00"));
        assertThat(policies.compensation("jd-outlet").settleMargin()).isEqualTo(new BigDecimal("5.00"));
        assertThat(policies.timings("jd-outlet")).isEqualTo(TicketTimings.defaults());
    }

    @Test
    void a_store_can_stop_depreciating_anything_with_an_empty_list() {
        StorePolicies policies = bind(Map.of(TMALL + "depreciating-products", ""));

        assertThat(policies.compensation("tmall-flagship").depreciatingProducts()).isEmpty();
        assertThat(policies.compensation("jd-outlet").depreciatingProducts()).containsExactly("SHOE-");
    }

    @Test
    void the_night_shift_handover_is_23_00_to_noon_unless_the_defaults_or_a_store_say_otherwise() {
        StorePolicies policies = bind(Map.of(DEFAULTS + "handover.clear-by", "11:30",
                TMALL + "handover.shift-ends", "22:00"));
        assertThat(bind(Map.of()).handover("any-store")).isEqualTo(HandoverPolicy.defaults());
        assertThat(HandoverPolicy.defaults()).isEqualTo(new HandoverPolicy(LocalTime.of(23, 0), LocalTime.NOON));
        assertThat(policies.handover("jd-outlet")).isEqualTo(new HandoverPolicy(LocalTime.of(23, 0), LocalTime.of(11, 30)));
        assertThat(policies.handover("tmall-flagship")).isEqualTo(new HandoverPolicy(LocalTime.of(22, 0),
                LocalTime.of(11, 30)));
        assertThat(policies.configuredStores()).contains("tmall-flagship");
        assertInvalid(Map.of(TMALL + "handover.clear-by", "noon"), TMALL + "handover.clear-by");
        assertInvalid(Map.of(DEFAULTS + "handover.shift-ends", "25:00"), DEFAULTS + "handover.shift-ends");
    }

    @Test
    void a_negative_amount_fails_naming_the_property() {
        assertInvalid(Map.of(DEFAULTS + "round-trip-postage", "-1"), DEFAULTS + "round-trip-postage");
        assertInvalid(Map.of(TMALL + "settle-margin", "-0.01"), TMALL + "settle-margin");
        assertInvalid(Map.of(TMALL + "waived-price-difference", "-5"), TMALL + "waived-price-difference");
    }

    @Test
    void an_amount_finer_than_a_cent_fails_naming_the_property() {
        assertInvalid(Map.of(TMALL + "round-trip-postage", "12.005"), TMALL + "round-trip-postage");
    }

    @Test
    void a_discount_outside_0_to_1_fails_naming_the_property() {
        assertInvalid(Map.of(DEFAULTS + "deepest-discount", "60"), DEFAULTS + "deepest-discount");
        assertInvalid(Map.of(TMALL + "deepest-discount", "-0.1"), TMALL + "deepest-discount");
        assertInvalid(Map.of(TMALL + "depreciation-per-day", "1.5"), TMALL + "depreciation-per-day");
    }

    @Test
    void the_edges_of_the_discount_range_are_allowed() {
        StorePolicies policies = bind(Map.of(DEFAULTS + "deepest-discount", "0", TMALL + "deepest-discount", "1"));

        assertThat(policies.compensation("jd-outlet").deepestDiscount()).isEqualByComparingTo("0");
        assertThat(policies.compensation("tmall-flagship").deepestDiscount()).isEqualByComparingTo("1");
    }

    @Test
    void an_unknown_currency_code_fails_naming_the_property() {
        assertInvalid(Map.of(TMALL + "currency", "RMB"), TMALL + "currency");
        assertInvalid(Map.of(DEFAULTS + "currency", "yuan"), DEFAULTS + "currency");
    }

    @Test
    void negative_counts_and_durations_fail_naming_the_property() {
        assertInvalid(Map.of(TMALL + "repairs-before-exchange", "-1"), TMALL + "repairs-before-exchange");
        assertInvalid(Map.of(TMALL + "photo-window", "-1d"), TMALL + "photo-window");
    }

    @Test
    void a_value_that_does_not_convert_fails_naming_the_property() {
        assertThatThrownBy(() -> bind(Map.of(TMALL + "round-trip-postage", "twelve")))
                .isInstanceOf(BindException.class)
                .hasMessageContaining(TMALL + "round-trip-postage");
    }

    @Test
    void a_misspelt_property_fails_naming_it_instead_of_being_ignored() {
        assertThatThrownBy(() -> bind(Map.of(TMALL + "round-trip-postag", "12")))
                .isInstanceOf(BindException.class)
                .rootCause().hasMessageContaining(TMALL + "round-trip-postag");
    }

    @Test
    void an_invalid_setting_fails_the_startup_of_a_context_with_the_configuration() {
        new ApplicationContextRunner()
                .withUserConfiguration(TicketPolicyConfiguration.class)
                .withPropertyValues(TMALL + "deepest-discount=1.2")
                .run(context -> assertThat(context).hasFailed().getFailure()
                        .rootCause().isInstanceOf(InvalidConfigurationPropertyValueException.class)
                        .hasMessageContaining(TMALL + "deepest-discount"));
    }


    @Test
    void a_store_sets_its_own_service_levels_and_business_hours_and_the_others_keep_the_defaults() {
        StorePolicies policies = bind(Map.ofEntries(
                Map.entry(DEFAULTS + "sla.warn-at-percent", "75"),
                Map.entry(TMALL + "sla.first-reply", "10m"),
                Map.entry(TMALL + "sla.resolution.quality", "72h"),
                Map.entry(TMALL + "sla.resolution.damaged-package", "0"),
                Map.entry(TMALL + "sla.paused-in", "WAITING_BUYER,WAITING_APPROVAL"),
                Map.entry(TMALL + "sla.time-zone", "Europe/Berlin"),
                Map.entry(TMALL + "sla.working-days", "monday,tuesday,wednesday,thursday,friday"),
                Map.entry(TMALL + "sla.opens", "08:30"),
                Map.entry(TMALL + "sla.closes", "17:00"),
                Map.entry(TMALL + "sla.holidays", "2026-12-25,2026-12-26")));

        SlaPolicy tmall = policies.sla("tmall-flagship");
        assertThat(tmall.firstReply()).isEqualTo(Duration.ofMinutes(10));
        assertThat(tmall.warnAtPercent()).isEqualTo(75);
        assertThat(tmall.resolution()).containsOnly(Map.entry(Category.QUALITY, Duration.ofHours(72)),
                Map.entry(Category.LOGISTICS, Duration.ofHours(48)));
        assertThat(tmall.pausedIn()).containsExactlyInAnyOrder(TicketStatus.WAITING_BUYER,
                TicketStatus.WAITING_APPROVAL);
        assertThat(tmall.calendar()).isEqualTo(new BusinessCalendar(ZoneId.of("Europe/Berlin"), false,
                EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY), LocalTime.of(8, 30), LocalTime.of(17, 0),
                Set.of(LocalDate.parse("2026-12-25"), LocalDate.parse("2026-12-26"))));
        SlaPolicy other = policies.sla("jd-outlet");
        assertThat(other.firstReply()).isEqualTo(Duration.ofMinutes(5));
        assertThat(other.warnAtPercent()).isEqualTo(75);
        assertThat(other.calendar()).isEqualTo(BusinessCalendar.defaults());
    }

    @Test
    void a_platform_gets_a_default_deadline_for_the_sellers_answer_and_the_others_none() {
        StorePolicies policies = bind(Map.of("aftersales.tickets.policy.platform-response.pinduoduo", "48h"));

        assertThat(policies.platformResponse(Platform.PINDUODUO)).contains(Duration.ofHours(48));
        assertThat(policies.platformResponse(Platform.TMALL)).isEmpty();
        assertInvalid(Map.of("aftersales.tickets.policy.platform-response.ebay", "48h"),
                "aftersales.tickets.policy.platform-response.ebay");
    }

    @Test
    void a_store_open_around_the_clock_says_so() {
        StorePolicies policies = bind(Map.of(TMALL + "sla.always-open", "true"));

        assertThat(policies.sla("tmall-flagship").calendar().alwaysOpen()).isTrue();
        assertThat(policies.sla("tmall-flagship").calendar().zone()).isEqualTo(ZoneId.of("Asia/Shanghai"));
    }

    @Test
    void an_invalid_service_level_setting_fails_naming_the_property() {
        assertInvalid(Map.of(TMALL + "sla.time-zone", "Mars/Olympus"), TMALL + "sla.time-zone");
        assertInvalid(Map.of(TMALL + "sla.resolution.parcel", "48h"), TMALL + "sla.resolution.parcel");
        assertInvalid(Map.of(DEFAULTS + "sla.warn-at-percent", "100"), DEFAULTS + "sla.warn-at-percent");
        assertInvalid(Map.of(TMALL + "sla.opens", "9am"), TMALL + "sla.opens");
        assertInvalid(Map.of(TMALL + "sla.paused-in", "ASLEEP"), TMALL + "sla.paused-in");
        assertInvalid(Map.of(TMALL + "sla.first-reply", "0s"), TMALL + "sla.first-reply");
    }
    @Test
    void the_context_offers_the_bound_policies_as_its_store_policies() {
        new ApplicationContextRunner()
                .withUserConfiguration(TicketPolicyConfiguration.class)
                .withPropertyValues(TMALL + "round-trip-postage=18")
                .run(context -> assertThat(context.getBean(StorePolicies.class).compensation("tmall-flagship")
                        .roundTripPostage()).isEqualTo(new BigDecimal("18.00")));
    }

    private static StorePolicies bind(Map<String, String> properties) {
        return TicketPolicyConfiguration.bind(new Binder(new MapConfigurationPropertySource(properties)));
    }

    private static void assertInvalid(Map<String, String> properties, String property) {
        assertThatThrownBy(() -> bind(properties))
                .isInstanceOf(InvalidConfigurationPropertyValueException.class)
                .hasMessageContaining(property)
                .satisfies(e -> assertThat(((InvalidConfigurationPropertyValueException) e).getName())
                        .isEqualTo(property));
    }
}
