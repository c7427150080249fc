package io.aftersales.logistics.api;

import java.math.BigDecimal;

/** An amount in a currency (CNY unless said otherwise). */
public record Money(BigDecimal amount, String currency) {

    public static Money cny(String amount) {
        return new Money(new BigDecimal(amount), "CNY");
    }
}
