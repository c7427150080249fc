package io.aftersales.contracts;

/** The public Kafka topics; a consumer's dead letters go to the topic name plus {@link #DEAD_LETTER_SUFFIX}. */
public final class Topics {

    public static final String TICKETS = "aftersales.tickets.v1";
    public static final String REFUNDS = "aftersales.refunds.v1";
    public static final String CLAIMS = "aftersales.claims.v1";
    public static final String QUALITY = "aftersales.quality.v1";
    public static final String DEAD_LETTER_SUFFIX = ".dlt";

    private Topics() {
    }
}
