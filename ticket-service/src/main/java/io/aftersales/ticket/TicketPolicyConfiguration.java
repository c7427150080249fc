package io.aftersales.ticket;

import io.aftersales.ticket.api.CompensationLimits;
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
import java.time.Duration;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Each store's compensation limits and ticket timings (docs/compensation-policy.md):
 * {@code aftersales.tickets.policy.defaults.*} on top of domain.md's defaults
 * ({@link CompensationLimits#defaults()}, {@link TicketTimings#defaults()}), and
 * {@code aftersales.tickets.policy.stores.<storeId>.*} on top of those, each setting optional. A negative
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
                .orElse(new PolicyProperties(null, null));
        Settings defaults = properties.defaults() == null ? Settings.NONE : properties.defaults();
        CompensationLimits defaultLimits = defaults.limits(CompensationLimits.defaults(), PREFIX + ".defaults");
        TicketTimings defaultTimings = defaults.timings(TicketTimings.defaults(), PREFIX + ".defaults");
        Map<String, CompensationLimits> limits = new LinkedHashMap<>();
        Map<String, TicketTimings> timings = new LinkedHashMap<>();
        if (properties.stores() != null) {
            properties.stores().forEach((storeId, settings) -> {
                Settings store = settings == null ? Settings.NONE : settings;
                String prefix = PREFIX + ".stores." + storeId;
                limits.put(storeId, store.limits(defaultLimits, prefix));
                timings.put(storeId, store.timings(defaultTimings, prefix));
            });
        }
        return new ConfiguredStorePolicies(defaultLimits, defaultTimings, limits, timings);
    }

    /** {@code aftersales.tickets.policy}: the defaults of every store and each store's overrides. */
    public record PolicyProperties(Settings defaults, Map<String, Settings> stores) {
    }

    /**
     * One level of settings; every one optional (null: inherited from the level below). Field names are
     * those of {@link CompensationLimits} and {@link TicketTimings}, in kebab case as properties.
     */
    public record Settings(BigDecimal roundTripPostage, BigDecimal settleMargin, BigDecimal deepestDiscount,
                           BigDecimal waivedPriceDifference, BigDecimal depreciationPerDay,
                           Integer depreciationAfterDays, List<String> depreciatingProducts,
                           Integer repairsBeforeExchange, String currency, Duration photoWindow,
                           Duration reopenWindow, Duration autoCloseAfter, Integer transactionExtensionDays) {

        static final Settings NONE = new Settings(null, null, null, null, null, null, null, null, null, null, null,
                null, null);

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

        private static Duration duration(String name, Duration value, Duration base) {
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

    /** The bound policies: a store without settings of its own gets the defaults. */
    record ConfiguredStorePolicies(CompensationLimits defaultLimits, TicketTimings defaultTimings,
                                   Map<String, CompensationLimits> limitsByStore,
                                   Map<String, TicketTimings> timingsByStore) implements StorePolicies {

        ConfiguredStorePolicies {
            limitsByStore = Map.copyOf(limitsByStore);
            timingsByStore = Map.copyOf(timingsByStore);
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
