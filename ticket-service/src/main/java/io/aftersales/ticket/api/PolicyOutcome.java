package io.aftersales.ticket.api;

/** What the store's compensation policy says of a proposal, from mildest to strictest. */
public enum PolicyOutcome {
    /** The proposer may offer it as is. */
    WITHIN_LIMITS,
    /** Above the agent's limits: a supervisor approves it before the buyer sees it. */
    NEEDS_SUPERVISOR,
    /** Nobody may offer it, a supervisor neither. */
    REFUSED
}
