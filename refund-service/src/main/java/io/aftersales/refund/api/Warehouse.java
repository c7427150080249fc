package io.aftersales.refund.api;

/** The port to the warehouse that ships the order: cancel a shipment that has not left yet. */
public interface Warehouse {

    /** Cancels the order line's shipment; the refund id makes a repeated request the same cancellation. */
    ShipmentCancellation cancelShipment(String refundId, String storeId, String orderId, String orderLineId);
}
