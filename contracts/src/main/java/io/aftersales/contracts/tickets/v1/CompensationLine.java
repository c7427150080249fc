package io.aftersales.contracts.tickets.v1;

import io.aftersales.contracts.Money;

/**
 * One attributed part of a resolution, with its money.
 *
 * @param type   {@code GOODS}, {@code RETURN_SHIPPING}, {@code PRICE_DIFFERENCE}, {@code GOODWILL} or
 *               {@code DEPRECIATION}; {@code DEPRECIATION}, and {@code PRICE_DIFFERENCE} on an exchange, are
 *               charges to the buyer, every other line is money to the buyer
 * @param amount the line's money, never negative
 * @param note   why, in the agent's words; null when none
 */
public record CompensationLine(String type, Money amount, String note) {
}
