package io.aftersales.ticket.api;

/** How the buyer's acceptance arrived: told to an agent, or through the platform. */
public enum AgreementSource {
    AGENT, PLATFORM
}
