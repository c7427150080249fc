package io.aftersales.refund.api;

/** The warehouse's answer: cancelled, or already shipped with this courier and tracking number. */
public record ShipmentCancellation(boolean cancelled, String courier, String trackingNumber) {

    public static ShipmentCancellation cancelledInTime() {
        return new ShipmentCancellation(true, null, null);
    }

    public static ShipmentCancellation alreadyShipped(String courier, String trackingNumber) {
        return new ShipmentCancellation(false, courier, trackingNumber);
    }
}
