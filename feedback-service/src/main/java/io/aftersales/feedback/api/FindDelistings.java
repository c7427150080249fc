package io.aftersales.feedback.api;

/** Delistings, newest first, optionally of one product, one SKU or in one status ({@code ACTIVE}, {@code RELISTED}). */
public record FindDelistings(String product, String sku, String status, int page, int size) {
}
