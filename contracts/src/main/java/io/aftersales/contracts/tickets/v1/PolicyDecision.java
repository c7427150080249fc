package io.aftersales.contracts.tickets.v1;

import io.aftersales.contracts.Money;

import java.util.List;

/**
 * The store's compensation policy on a proposal, explaining itself.
 *
 * @param outcome        the strictest outcome of the findings: {@code WITHIN_LIMITS}, {@code NEEDS_SUPERVISOR},
 *                       {@code REFUSED}
 * @param findings       every rule's verdict, those that passed included; never null
 * @param shippingPaidBy who pays shipping both ways ({@code SELLER}, {@code COURIER}, {@code BUYER}); null when
 *                       nobody is responsible yet
 * @param refundAmount   the money that goes back to the buyer (zero when none)
 * @param chargedToBuyer what the buyer is charged (zero when nothing)
 */
public record PolicyDecision(String outcome, List<PolicyFinding> findings, String shippingPaidBy, Money refundAmount,
                             Money chargedToBuyer) {
}
