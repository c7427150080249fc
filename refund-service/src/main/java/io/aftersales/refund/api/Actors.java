package io.aftersales.refund.api;

/** Who did it, when no person did: the actor recorded on what the service decides by itself. */
public final class Actors {

    /** The actor of automatic decisions (the pre-shipment saga's answers, a batch-defect fast track). */
    public static final String SYSTEM = "system";

    private Actors() {
    }
}
