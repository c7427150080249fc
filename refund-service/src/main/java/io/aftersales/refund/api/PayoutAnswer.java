package io.aftersales.refund.api;

/** The platform's answer to a payout request: paid now (with its reference) or later by a notification. */
public record PayoutAnswer(boolean confirmed, String platformReference) {

    public static PayoutAnswer confirmed(String platformReference) {
        return new PayoutAnswer(true, platformReference);
    }

    public static PayoutAnswer pending() {
        return new PayoutAnswer(false, null);
    }
}
