package io.aftersales.ticket.api;

import java.math.BigDecimal;
import java.util.Objects;

/** An amount in a currency's unit (CNY yuan, not fen), exact to the cent. */
public record Money(BigDecimal amount, String currency) {

    public Money {
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(currency, "currency");
    }
}
