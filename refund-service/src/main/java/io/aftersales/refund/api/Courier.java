package io.aftersales.refund.api;

/** The port to the courier carrying a parcel: intercept it (拦截) so it comes back unopened. */
public interface Courier {

    /** Asks the courier to intercept the parcel; the refund id makes a repeated request the same interception. */
    Interception intercept(String refundId, String courier, String trackingNumber);

    /**
     * The same, for the store that shipped it (the platform's intercept API takes the store: its
     * settings and couriers are per store). An adapter that can send the store overrides this; the
     * default asks without it.
     */
    default Interception intercept(String refundId, String storeId, String courier, String trackingNumber) {
        return intercept(refundId, courier, trackingNumber);
    }
}
