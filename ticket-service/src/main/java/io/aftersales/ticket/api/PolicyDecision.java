package io.aftersales.ticket.api;

import java.util.List;

/**
 * The compensation policy's decision on a proposal, explaining itself: the strictest outcome of
 * its findings, every finding (rules that passed included), who pays shipping, the money that goes
 * back to the buyer and what the buyer is charged (depreciation, an exchange's price difference
 * that is not waived).
 */
public record PolicyDecision(PolicyOutcome outcome, List<PolicyFinding> findings, Responsibility shippingPaidBy,
                             Money refundAmount, Money chargedToBuyer) {

    public PolicyDecision {
        findings = List.copyOf(findings);
    }
}
