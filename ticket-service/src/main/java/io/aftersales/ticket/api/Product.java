package io.aftersales.ticket.api;

/**
 * "The product" in the trade's sense: what quality groups tickets by and counts defects against. The
 * style code (款号) when the ticket has one, otherwise the SKU. The one definition in ticket-service;
 * the published {@code DefectReported} carries it as {@code product}, so consumers never derive it.
 */
public final class Product {

    private Product() {
    }

    public static String of(String styleCode, String sku) {
        return styleCode != null && !styleCode.isBlank() ? styleCode : sku;
    }
}
