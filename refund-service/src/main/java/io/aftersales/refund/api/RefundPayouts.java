package io.aftersales.refund.api;

/**
 * The port to whoever moves the money: the platform (or the own shop's payment provider). The
 * seller never pays out itself; it asks, once per refund, with the refund id as idempotency key, so
 * a request repeated after a crash or a retry is the same payout to the platform.
 */
public interface RefundPayouts {

    /**
     * Asks for the payout. Answers {@link PayoutAnswer#confirmed} when the platform paid at once,
     * {@link PayoutAnswer#pending} when it confirms later by a notification; throws when the
     * platform could not be asked (the request is then asked again, with the same key).
     */
    PayoutAnswer requestPayout(PayoutOrder order);
}
