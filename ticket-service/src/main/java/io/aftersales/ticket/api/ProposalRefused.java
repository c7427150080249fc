package io.aftersales.ticket.api;

/** A proposal the compensation policy refuses: 422 with the decision (which rule, which limit). */
public class ProposalRefused extends RuntimeException {

    private final PolicyDecision decision;

    public ProposalRefused(PolicyDecision decision) {
        super(decision.findings().stream().filter(f -> f.outcome() == PolicyOutcome.REFUSED)
                .map(PolicyFinding::explanation).reduce((a, b) -> a + "; " + b).orElse("refused by the store's policy"));
        this.decision = decision;
    }

    public PolicyDecision decision() {
        return decision;
    }
}
