package io.aftersales.refund;

import io.aftersales.refund.api.Money;
import io.aftersales.refund.api.ReturnAddress;
import io.aftersales.refund.api.StoreRefundPolicy;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * Each store's refund policy: {@code aftersales.refunds.policy.defaults.*} and
 * {@code aftersales.refunds.policy.stores.<storeId>.*} on top of them, each setting optional:
 * {@code return-address.recipient|phone|address}, {@code supervisor-approval-above} (an amount) and
 * {@code currency}. The policy in force is kept on the refund when it is opened.
 */
@Configuration(proxyBeanMethods = false)
public class RefundPolicyConfiguration {

    public static final String PREFIX = "aftersales.refunds.policy";

    static final Settings BUILT_IN = new Settings(new Address("Returns desk", "400-000-0000",
            "Returns warehouse (set aftersales.refunds.policy.defaults.return-address)"),
            new BigDecimal("500.00"), "CNY");

    @Bean
    Function<String, StoreRefundPolicy> storeRefundPolicies(Environment environment) {
        return bind(Binder.get(environment));
    }

    public static Function<String, StoreRefundPolicy> bind(Binder binder) {
        Properties properties = binder.bind(PREFIX, Bindable.of(Properties.class)).orElse(new Properties(null, null));
        Settings defaults = Settings.over(BUILT_IN, properties.defaults(), PREFIX + ".defaults");
        Map<String, StoreRefundPolicy> byStore = new LinkedHashMap<>();
        if (properties.stores() != null) {
            properties.stores().forEach((store, settings) ->
                    byStore.put(store, Settings.over(defaults, settings, PREFIX + ".stores." + store).policy()));
        }
        StoreRefundPolicy fallback = defaults.policy();
        return storeId -> storeId == null ? fallback : byStore.getOrDefault(storeId, fallback);
    }

    public record Properties(Settings defaults, Map<String, Settings> stores) {
    }

    public record Address(String recipient, String phone, String address) {
    }

    public record Settings(Address returnAddress, BigDecimal supervisorApprovalAbove, String currency) {

        static Settings over(Settings base, Settings settings, String prefix) {
            if (settings == null) {
                return base;
            }
            Address address = base.returnAddress();
            if (settings.returnAddress() != null) {
                Address given = settings.returnAddress();
                address = new Address(given.recipient() != null ? given.recipient() : address.recipient(),
                        given.phone() != null ? given.phone() : address.phone(),
                        given.address() != null ? given.address() : address.address());
            }
            BigDecimal threshold = settings.supervisorApprovalAbove() != null ? settings.supervisorApprovalAbove()
                    : base.supervisorApprovalAbove();
            if (threshold.signum() < 0) {
                throw new InvalidConfigurationPropertyValueException(prefix + ".supervisor-approval-above", threshold,
                        "An amount may not be negative.");
            }
            String currency = settings.currency() != null ? settings.currency().strip() : base.currency();
            try {
                Currency.getInstance(currency);
            } catch (IllegalArgumentException unknown) {
                throw new InvalidConfigurationPropertyValueException(prefix + ".currency", currency,
                        "Not an ISO 4217 currency code (e.g. CNY).");
            }
            return new Settings(address, threshold, currency);
        }

        StoreRefundPolicy policy() {
            return new StoreRefundPolicy(new ReturnAddress(returnAddress.recipient(), returnAddress.phone(),
                    returnAddress.address()), new Money(supervisorApprovalAbove, currency));
        }
    }
}
