package io.aftersales.ticket.api;

/** What the platform decided by itself on the buyer's request. */
public enum PlatformDecision {
    /** The seller's window ran out and the platform approved the request (a refund, typically). */
    AUTO_APPROVED
}
