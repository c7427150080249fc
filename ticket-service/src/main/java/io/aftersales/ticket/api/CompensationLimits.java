package io.aftersales.ticket.api;

import java.math.BigDecimal;
import java.util.List;

/**
 * A store's compensation policy settings (domain.md defaults in {@link #defaults()}).
 *
 * @param roundTripPostage         goodwill an agent may offer alone: up to the round-trip postage ...
 * @param settleMargin             ... plus this margin to settle (3-5)
 * @param deepestDiscount          share of the price paid a discount may never go below (0.60: 6折)
 * @param waivedPriceDifference    an exchange's price difference up to this is waived
 * @param depreciationPerDay       charged per day on shoes exchanged after {@code depreciationAfterDays}
 * @param depreciationAfterDays    days after sign-for before depreciation applies
 * @param depreciatingProducts     style-code or SKU prefixes of the products that depreciate (shoes)
 * @param repairsBeforeExchange    a part repaired this often may be exchanged
 * @param currency                 the store's currency
 */
public record CompensationLimits(BigDecimal roundTripPostage, BigDecimal settleMargin, BigDecimal deepestDiscount,
                                 BigDecimal waivedPriceDifference, BigDecimal depreciationPerDay,
                                 int depreciationAfterDays, List<String> depreciatingProducts,
                                 int repairsBeforeExchange, String currency) {

    public CompensationLimits {
        depreciatingProducts = depreciatingProducts == null ? List.of() : List.copyOf(depreciatingProducts);
    }

    public static CompensationLimits defaults() {
        return new CompensationLimits(new BigDecimal("24.00"), new BigDecimal("5.00"), new BigDecimal("0.60"),
                new BigDecimal("5.00"), new BigDecimal("0.005"), 30, List.of("SHOE-"), 2, "CNY");
    }
}
