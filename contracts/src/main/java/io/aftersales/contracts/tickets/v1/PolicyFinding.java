package io.aftersales.contracts.tickets.v1;

import io.aftersales.contracts.Money;

/**
 * One policy rule's verdict on a proposal.
 *
 * @param rule        the rule's name, e.g. {@code goodwill-cap}
 * @param outcome     {@code WITHIN_LIMITS}, {@code NEEDS_SUPERVISOR} or {@code REFUSED}
 * @param limit       the amount the rule applied; null when the rule has none
 * @param explanation a sentence explaining the verdict
 */
public record PolicyFinding(String rule, String outcome, Money limit, String explanation) {
}
