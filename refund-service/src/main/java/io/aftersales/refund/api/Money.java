package io.aftersales.refund.api;

import java.math.BigDecimal;
import java.util.Objects;

/** An amount in a currency's unit (CNY yuan, not fen), exact to the cent. */
public record Money(BigDecimal amount, String currency) {

    public Money {
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(currency, "currency");
    }

    public static Money zero(String currency) {
        return new Money(BigDecimal.ZERO, currency);
    }

    public Money plus(Money other) {
        return new Money(amount.add(sameCurrency(other).amount), currency);
    }

    public Money minus(Money other) {
        return new Money(amount.subtract(sameCurrency(other).amount), currency);
    }

    public boolean isGreaterThan(Money other) {
        return amount.compareTo(sameCurrency(other).amount) > 0;
    }

    /** Named without "is": events carry Money, and a bean getter would be serialized as a property. */
    public boolean greaterThanZero() {
        return amount.signum() > 0;
    }

    private Money sameCurrency(Money other) {
        if (!currency.equals(other.currency)) {
            throw new RefundRuleViolation("currency", "cannot add " + other.currency + " to " + currency);
        }
        return other;
    }
}
