package io.aftersales.refund.api;

/** The port to the courier carrying a parcel: intercept it (拦截) so it comes back unopened. */
public interface Courier {

    /** Asks the courier to intercept the parcel; the refund id makes a repeated request the same interception. */
    Interception intercept(String refundId, String courier, String trackingNumber);
}
