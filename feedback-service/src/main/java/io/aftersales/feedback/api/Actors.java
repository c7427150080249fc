package io.aftersales.feedback.api;

/** Who did it, when no person did: the actor recorded on what the service decides by itself. */
public final class Actors {

    /** The actor of automatic decisions (a rule raising an incident), as the published events carry it. */
    public static final String SYSTEM = "system";

    private Actors() {
    }
}
