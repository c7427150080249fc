package io.aftersales.logistics.api;

/**
 * The warehouse (WMS) port: holds stock for a replacement so it is not sold twice. Idempotent on
 * {@code requestNo}: asking again answers what it answered the first time. An adapter that cannot reach the
 * warehouse throws, and the command that needed the hold records nothing.
 */
public interface Warehouse {

    StockHoldResult hold(StockHoldRequest request);

    record StockHoldRequest(String requestNo, String storeId, String orderId, String sku, int quantity,
                            ReshipmentReason reason) {
    }

    record StockHoldResult(String holdId, StockHold result) {
    }
}
