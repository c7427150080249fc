package io.aftersales.feedback.api;

/** Production alerts, newest first, optionally of one product, one SKU or in one status ({@code OPEN}, {@code RESOLVED}). */
public record FindAlerts(String product, String sku, String status, int page, int size) {
}
