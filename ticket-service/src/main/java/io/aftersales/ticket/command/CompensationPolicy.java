package io.aftersales.ticket.command;

import io.aftersales.ticket.api.CompensationLimits;
import io.aftersales.ticket.api.PolicyDecision;
import io.aftersales.ticket.api.Proposal;

/** A store's compensation policy (lifecycle.md §1, domain.md defaults): decides each proposal and explains why. */
public final class CompensationPolicy {

    private CompensationPolicy() {
    }

    public static PolicyDecision decide(Proposal proposal, CaseFacts facts, CompensationLimits limits,
                                        boolean bySupervisor) {
        throw new UnsupportedOperationException("being written");
    }
}
