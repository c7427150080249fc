package io.aftersales.contracts;

/**
 * An amount of money as published: a decimal string in the currency's unit, never a float,
 * so that no consumer rounds a refund differently from the producer.
 * On the wire: {@code {"amount":"12.50","currency":"CNY"}}.
 *
 * @param amount   a non-negative decimal string, e.g. {@code "12.50"} ({@code BigDecimal#toPlainString()})
 * @param currency the ISO 4217 code, e.g. {@code CNY}
 */
public record Money(String amount, String currency) {
}
