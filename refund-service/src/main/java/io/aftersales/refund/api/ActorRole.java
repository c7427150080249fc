package io.aftersales.refund.api;

/**
 * The caller's role as the web layer read it from the token: only a supervisor approves above the
 * threshold.
 */
public enum ActorRole {
    AGENT, SUPERVISOR
}
