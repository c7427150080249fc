package io.aftersales.ticket.api;

/**
 * What a compensation line pays for. {@code DEPRECIATION} is a charge to the buyer; so is a
 * {@code PRICE_DIFFERENCE} on an exchange (the buyer owes the difference), while on a refund it is
 * money back (the price dropped). Every other line is money to the buyer.
 */
public enum CompensationLineType {
    GOODS, RETURN_SHIPPING, PRICE_DIFFERENCE, GOODWILL, DEPRECIATION
}
