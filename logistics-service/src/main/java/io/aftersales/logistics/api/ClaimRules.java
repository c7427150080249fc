package io.aftersales.logistics.api;

/**
 * The configurable numbers of the claim rules.
 *
 * @param weightToleranceGrams how far the measured weight may be from the waybill's before the courier is at fault
 */
public record ClaimRules(int weightToleranceGrams) {

    public static final ClaimRules DEFAULTS = new ClaimRules(50);
}
