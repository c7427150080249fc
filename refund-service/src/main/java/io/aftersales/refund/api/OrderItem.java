package io.aftersales.refund.api;

/**
 * What was sold on the refund's order line: the platform it was sold on, the SKU, the product
 * (style code, or the SKU when no style) and its production batch (null when unknown). The product
 * and batch are what a batch-defect delisting names; the SKU and platform go on the published events.
 */
public record OrderItem(Platform platform, String sku, String product, String batch) {
}
