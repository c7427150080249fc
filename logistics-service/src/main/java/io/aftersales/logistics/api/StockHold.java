package io.aftersales.logistics.api;

/** What the warehouse answered to a stock hold (下架留货). */
public enum StockHold {
    HELD, OUT_OF_STOCK
}
