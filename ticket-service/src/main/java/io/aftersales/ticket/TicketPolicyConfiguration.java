package io.aftersales.ticket;

import io.aftersales.ticket.api.BusinessCalendar;
import io.aftersales.ticket.api.Category;
import io.aftersales.ticket.api.CompensationLimits;
import io.aftersales.ticket.api.HandoverPolicy;
import io.aftersales.ticket.api.Platform;
import io.aftersales.ticket.api.SlaPolicy;
import io.aftersales.ticket.api.TicketStatus;
import io.aftersales.ticket.api.StorePolicies;
import io.aftersales.ticket.api.TicketTimings;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.handler.IgnoreTopLevelConverterNotFoundBindHandler;
import org.springframework.boot.context.properties.bind.handler.NoUnboundElementsBindHandler;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Currency;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Each store's compensation limits, ticket timings and service levels (docs/compensation-policy.md,
 * docs/services/ticket-service.md "Clocks"):
 * {@code aftersales.tickets.policy.defaults.*} on top of domain.md's defaults
 * ({@link CompensationLimits#defaults()}, {@link TicketTimings#defaults()}), and
 * {@code aftersales.tickets.policy.stores.<storeId>.*} on top of those, each setting optional;
 * {@code aftersales.tickets.policy.platform-response.<platform>} the default deadline a platform gives
 * the seller to answer, from intake (none by default). A negative
 * amount, a discount or daily depreciation outside 0..1, an unknown currency code, a value that does not
 * convert or an unknown property fails startup naming the property.
 */
@Configuration(proxyBeanMethods = false)
public class TicketPolicyConfiguration {

    public static final String PREFIX = "aftersales.tickets.policy";

    @Bean
    StorePolicies storePolicies(Environment environment) {
        return bind(Binder.get(environment));
    }

    /** Binds and checks the policy settings; throws naming the first invalid or unknown property. */
    public static StorePolicies bind(Binder binder) {
        PolicyProperties properties = binder
                .bind(PREFIX, Bindable.of(PolicyProperties.class),
                        new NoUnboundElementsBindHandler(new IgnoreTopLevelConverterNotFoundBindHandler()))
                .orElse(new PolicyProperties(null, null, null));
        Settings defaults = properties.defaults() == null ? Settings.NONE : properties.defaults();
        CompensationLimits defaultLimits = defaults.limits(CompensationLimits.defaults(), PREFIX + ".defaults");
        TicketTimings defaultTimings = defaults.timings(TicketTimings.defaults(), PREFIX + ".defaults");
        Map<String, CompensationLimits> limits = new LinkedHashMap<>();
        Map<String, TicketTimings> timings = new LinkedHashMap<>();
        SlaPolicy defaultSla = defaults.sla(SlaPolicy.defaults(), PREFIX + ".defaults");
        Map<String, SlaPolicy> slas = new LinkedHashMap<>();
        HandoverPolicy defaultHandover = defaults.handover(HandoverPolicy.defaults(), PREFIX + ".defaults");
        Map<String, HandoverPolicy> handovers = new LinkedHashMap<>();
        if (properties.stores() != null) {
            properties.stores().forEach((storeId, settings) -> {
                Settings store = settings == null ? Settings.NONE : settings;
                String prefix = PREFIX + ".stores." + storeId;
                limits.put(storeId, store.limits(defaultLimits, prefix));
                timings.put(storeId, store.timings(defaultTimings, prefix));
                slas.put(storeId, store.sla(defaultSla, prefix));
                handovers.put(storeId, store.handover(defaultHandover, prefix));
            });
        }
        Map<Platform, Duration> platformResponse = new EnumMap<>(Platform.class);
        if (properties.platformResponse() != null) {
            properties.platformResponse().forEach((name, window) -> {
                String property = PREFIX + ".platform-response." + name;
                Platform platform = SlaSettings.parse(property, name,
                        text -> Platform.valueOf(text.toUpperCase().replace('-', '_')),
                        "Not a platform: " + List.of(Platform.values()) + ".");
                Duration value = Settings.duration(property, window, null);
                if (value != null && !value.isZero()) {
                    platformResponse.put(platform, value);
                }
            });
        }
        return new ConfiguredStorePolicies(defaultLimits, defaultTimings, limits, timings, defaultSla, slas,
                platformResponse, defaultHandover, handovers);
    }

    /** {@code aftersales.tickets.policy}: the defaults of every store and each store's overrides. */
    public record PolicyProperties(Settings defaults, Map<String, Settings> stores,
                                   Map<String, Duration> platformResponse) {
    }

    /**
     * One level of settings; every one optional (null: inherited from the level below). Field names are
     * those of {@link CompensationLimits} and {@link TicketTimings}, in kebab case as properties.
     */
    public record Settings(BigDecimal roundTripPostage, BigDecimal settleMargin, BigDecimal deepestDiscount,
                           BigDecimal waivedPriceDifference, BigDecimal depreciationPerDay,
                           Integer depreciationAfterDays, List<String> depreciatingProducts,
                           Integer repairsBeforeExchange, String currency, Duration photoWindow,
                           Duration reopenWindow, Duration autoCloseAfter, Integer transactionExtensionDays,
                           SlaSettings sla, HandoverSettings handover) {

        static final Settings NONE = new Settings(null, null, null, null, null, null, null, null, null, null, null,
                null, null, null, null);

        HandoverPolicy handover(HandoverPolicy base, String prefix) {
            return handover == null ? base : handover.policy(base, prefix + ".handover");
        }

        SlaPolicy sla(SlaPolicy base, String prefix) {
            return sla == null ? base : sla.policy(base, prefix + ".sla");
        }

        CompensationLimits limits(CompensationLimits base, String prefix) {
            return new CompensationLimits(
                    amount(prefix + ".round-trip-postage", roundTripPostage, base.roundTripPostage()),
                    amount(prefix + ".settle-margin", settleMargin, base.settleMargin()),
                    share(prefix + ".deepest-discount", deepestDiscount, base.deepestDiscount()),
                    amount(prefix + ".waived-price-difference", waivedPriceDifference, base.waivedPriceDifference()),
                    share(prefix + ".depreciation-per-day", depreciationPerDay, base.depreciationPerDay()),
                    count(prefix + ".depreciation-after-days", depreciationAfterDays, base.depreciationAfterDays()),
                    depreciatingProducts == null ? base.depreciatingProducts() : depreciatingProducts.stream()
                            .map(String::trim).filter(prefixText -> !prefixText.isEmpty()).toList(),
                    count(prefix + ".repairs-before-exchange", repairsBeforeExchange, base.repairsBeforeExchange()),
                    currency(prefix + ".currency", currency, base.currency()));
        }

        TicketTimings timings(TicketTimings base, String prefix) {
            return new TicketTimings(
                    duration(prefix + ".photo-window", photoWindow, base.photoWindow()),
                    duration(prefix + ".reopen-window", reopenWindow, base.reopenWindow()),
                    duration(prefix + ".auto-close-after", autoCloseAfter, base.autoCloseAfter()),
                    count(prefix + ".transaction-extension-days", transactionExtensionDays,
                            base.transactionExtensionDays()));
        }

        private static BigDecimal amount(String name, BigDecimal value, BigDecimal base) {
            if (value == null) {
                return base;
            }
            if (value.signum() < 0) {
                throw new InvalidConfigurationPropertyValueException(name, value, "An amount may not be negative.");
            }
            if (value.stripTrailingZeros().scale() > 2) {
                throw new InvalidConfigurationPropertyValueException(name, value, "An amount is exact to the cent.");
            }
            return value.setScale(2);
        }

        private static BigDecimal share(String name, BigDecimal value, BigDecimal base) {
            if (value == null) {
                return base;
            }
            if (value.signum() < 0 || value.compareTo(BigDecimal.ONE) > 0) {
                throw new InvalidConfigurationPropertyValueException(name, value,
                        "A share of the price is between 0 and 1 (0.60 is 60%).");
            }
            return value;
        }

        private static int count(String name, Integer value, int base) {
            if (value == null) {
                return base;
            }
            if (value < 0) {
                throw new InvalidConfigurationPropertyValueException(name, value, "A count may not be negative.");
            }
            return value;
        }

        static Duration duration(String name, Duration value, Duration base) {
            if (value == null) {
                return base;
            }
            if (value.isNegative()) {
                throw new InvalidConfigurationPropertyValueException(name, value, "A duration may not be negative.");
            }
            return value;
        }

        private static String currency(String name, String value, String base) {
            if (value == null) {
                return base;
            }
            try {
                return Currency.getInstance(value.trim()).getCurrencyCode();
            } catch (IllegalArgumentException unknown) {
                throw new InvalidConfigurationPropertyValueException(name, value,
                        "Not an ISO 4217 currency code (e.g. CNY).");
            }
        }
    }

    /**
     * {@code ...sla}: a store's service levels (docs/services/ticket-service.md, "Clocks"), each optional.
     * {@code resolution.<CATEGORY>} sets a category's resolution target (0 removes its clock);
     * {@code paused-in} lists the ticket states that pause clocks; the calendar is {@code time-zone}
     * (e.g. Asia/Shanghai), {@code always-open} (24/7), {@code working-days} (MONDAY,...), {@code opens}
     * and {@code closes} (HH:mm, closes 00:00 = midnight) and {@code holidays} (yyyy-MM-dd, ...).
     */
    public record SlaSettings(Duration firstReply, Map<String, Duration> resolution, Integer warnAtPercent,
                              List<String> pausedIn, String timeZone, Boolean alwaysOpen, List<String> workingDays,
                              String opens, String closes, List<String> holidays) {

        SlaPolicy policy(SlaPolicy base, String prefix) {
            Map<Category, Duration> targets = new EnumMap<>(Category.class);
            targets.putAll(base.resolution());
            if (resolution != null) {
                resolution.forEach((name, target) -> {
                    Category category = parse(prefix + ".resolution." + name, name,
                            text -> Category.valueOf(text.toUpperCase().replace('-', '_')),
                            "Not a ticket category: " + List.of(Category.values()) + ".");
                    Duration value = Settings.duration(prefix + ".resolution." + name, target, null);
                    if (value == null || value.isZero()) {
                        targets.remove(category);
                    } else {
                        targets.put(category, value);
                    }
                });
            }
            Duration firstReplyTarget = Settings.duration(prefix + ".first-reply", firstReply, base.firstReply());
            if (firstReplyTarget.isZero()) {
                throw new InvalidConfigurationPropertyValueException(prefix + ".first-reply", firstReply,
                        "The first-reply promise must be longer than zero.");
            }
            int warnAt = warnAtPercent == null ? base.warnAtPercent() : warnAtPercent;
            if (warnAt < 1 || warnAt > 99) {
                throw new InvalidConfigurationPropertyValueException(prefix + ".warn-at-percent", warnAtPercent,
                        "A clock warns at 1 to 99 percent of its target.");
            }
            Set<TicketStatus> paused = pausedIn == null ? base.pausedIn() : pausedIn.stream().map(String::trim)
                    .filter(name -> !name.isEmpty())
                    .map(name -> parse(prefix + ".paused-in", name,
                            text -> TicketStatus.valueOf(text.toUpperCase().replace('-', '_')),
                            "Not a ticket state: " + List.of(TicketStatus.values()) + "."))
                    .collect(Collectors.toSet());
            return new SlaPolicy(firstReplyTarget, targets, calendar(base.calendar(), prefix), paused, warnAt);
        }

        private BusinessCalendar calendar(BusinessCalendar base, String prefix) {
            if (timeZone == null && alwaysOpen == null && workingDays == null && opens == null && closes == null
                    && holidays == null) {
                return base;
            }
            ZoneId zone = timeZone == null ? base.zone()
                    : parse(prefix + ".time-zone", timeZone, ZoneId::of, "Not a time zone id (e.g. Asia/Shanghai).");
            boolean open247 = alwaysOpen == null ? base.alwaysOpen() : alwaysOpen;
            Set<DayOfWeek> days = workingDays == null ? base.days() : workingDays.stream().map(String::trim)
                    .filter(name -> !name.isEmpty())
                    .map(name -> parse(prefix + ".working-days", name, text -> DayOfWeek.valueOf(text.toUpperCase()),
                            "Not a day of the week (MONDAY ... SUNDAY)."))
                    .collect(Collectors.toSet());
            LocalTime from = opens == null ? base.opens()
                    : parse(prefix + ".opens", opens, LocalTime::parse, "Not a time of day (HH:mm).");
            LocalTime to = closes == null ? base.closes()
                    : parse(prefix + ".closes", closes, LocalTime::parse, "Not a time of day (HH:mm).");
            Set<LocalDate> off = holidays == null ? base.holidays() : holidays.stream().map(String::trim)
                    .filter(date -> !date.isEmpty())
                    .map(date -> parse(prefix + ".holidays", date, LocalDate::parse, "Not a date (yyyy-MM-dd)."))
                    .collect(Collectors.toSet());
            if (!open247 && (from == null || to == null)) {
                from = from == null ? LocalTime.of(9, 0) : from;
                to = to == null ? LocalTime.of(23, 0) : to;
            }
            try {
                return new BusinessCalendar(zone, open247, days, from, to, off);
            } catch (IllegalArgumentException invalid) {
                throw new InvalidConfigurationPropertyValueException(prefix + ".opens", opens + "-" + closes,
                        invalid.getMessage());
            }
        }

        static <T> T parse(String name, String value, Function<String, T> parser, String reason) {
            try {
                return parser.apply(value.trim());
            } catch (RuntimeException invalid) {
                throw new InvalidConfigurationPropertyValueException(name, value, reason);
            }
        }
    }

    /** The bound policies: a store without settings of its own gets the defaults. */
    /**
     * {@code ...handover}: the night-shift handover (docs/services/ticket-service.md, "Clocks"): {@code shift-ends}
     * (HH:mm store time, default 23:00) and {@code clear-by} (HH:mm the next day, default 12:00).
     */
    public record HandoverSettings(String shiftEnds, String clearBy) {

        HandoverPolicy policy(HandoverPolicy base, String prefix) {
            LocalTime ends = shiftEnds == null ? base.shiftEnds()
                    : SlaSettings.parse(prefix + ".shift-ends", shiftEnds, LocalTime::parse, "Not a time of day (HH:mm).");
            LocalTime by = clearBy == null ? base.clearBy()
                    : SlaSettings.parse(prefix + ".clear-by", clearBy, LocalTime::parse, "Not a time of day (HH:mm).");
            return new HandoverPolicy(ends, by);
        }
    }

    record ConfiguredStorePolicies(CompensationLimits defaultLimits, TicketTimings defaultTimings,
                                   Map<String, CompensationLimits> limitsByStore,
                                   Map<String, TicketTimings> timingsByStore, SlaPolicy defaultSla,
                                   Map<String, SlaPolicy> slaByStore, Map<Platform, Duration> platformResponses,
                                   HandoverPolicy defaultHandover, Map<String, HandoverPolicy> handoverByStore)
            implements StorePolicies {

        ConfiguredStorePolicies {
            limitsByStore = Map.copyOf(limitsByStore);
            timingsByStore = Map.copyOf(timingsByStore);
            slaByStore = Map.copyOf(slaByStore);
            platformResponses = Map.copyOf(platformResponses);
            handoverByStore = Map.copyOf(handoverByStore);
        }

        @Override
        public HandoverPolicy handover(String storeId) {
            return storeId == null ? defaultHandover : handoverByStore.getOrDefault(storeId, defaultHandover);
        }

        @Override
        public Set<String> configuredStores() {
            return slaByStore.keySet();
        }

        @Override
        public Optional<Duration> platformResponse(Platform platform) {
            return Optional.ofNullable(platform == null ? null : platformResponses.get(platform));
        }

        @Override
        public SlaPolicy sla(String storeId) {
            return storeId == null ? defaultSla : slaByStore.getOrDefault(storeId, defaultSla);
        }

        @Override
        public CompensationLimits compensation(String storeId) {
            return storeId == null ? defaultLimits : limitsByStore.getOrDefault(storeId, defaultLimits);
        }

        @Override
        public TicketTimings timings(String storeId) {
            return storeId == null ? defaultTimings : timingsByStore.getOrDefault(storeId, defaultTimings);
        }
    }
}
