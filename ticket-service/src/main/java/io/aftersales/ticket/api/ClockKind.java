package io.aftersales.ticket.api;

/** The promises a ticket's clocks watch (docs/services/ticket-service.md, "Clocks"). */
public enum ClockKind {
    /** From opening to the first reply to the buyer: 5 minutes of business time by default. */
    FIRST_REPLY,
    /**
     * From opening (or reopening) to an agreed resolution, with a target per category (logistics
     * cases: 48 hours of business time by default); a category without a target has no such clock.
     */
    RESOLUTION,
    /**
     * From intake to the platform's deadline for the seller's answer (given at intake or the platform's
     * default), in wall-clock time: the platform does not keep the store's hours or pause. Stops when
     * the resolution is agreed, or the platform decided itself.
     */
    PLATFORM_RESPONSE
}
