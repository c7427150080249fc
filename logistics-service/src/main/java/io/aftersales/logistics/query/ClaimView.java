package io.aftersales.logistics.query;

import org.bson.Document;

import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;

/**
 * A claim as the API shows it. {@code version} is the ETag: the claim's last event's sequence number.
 * {@code history} is empty in lists.
 */
public record ClaimView(String id, String ticketId, String storeId, String orderId, String sku, int quantity,
                        String kind, String status, String courier, String trackingNumber, String claimNumber,
                        Map<String, Object> amountClaimed, Map<String, Object> amountAccepted,
                        Map<String, Object> amountReceived, String month, String addressResolution,
                        String orderRemark, String rejectionReason, Map<String, Object> weighing,
                        Map<String, Object> wrongShipment, List<Map<String, Object>> reshipments,
                        List<Map<String, Object>> history, Instant openedAt, Instant updatedAt, long version) {

    @SuppressWarnings("unchecked")
    static ClaimView of(Document d) {
        return new ClaimView(d.getString("_id"), d.getString("ticketId"), d.getString("storeId"),
                d.getString("orderId"), d.getString("sku"), d.getInteger("quantity", 1), d.getString("kind"),
                d.getString("status"), d.getString("courier"), d.getString("trackingNumber"),
                d.getString("claimNumber"), map(d.get("amountClaimed")), map(d.get("amountAccepted")),
                map(d.get("amountReceived")), d.getString("month"), d.getString("addressResolution"),
                d.getString("orderRemark"), d.getString("rejectionReason"), map(d.get("weighing")),
                map(d.get("wrongShipment")), list(d.get("reshipments")), list(d.get("history")),
                instant(d.getDate("openedAt")), instant(d.getDate("updatedAt")),
                ((Number) d.get("version")).longValue());
    }

    private static Map<String, Object> map(Object value) {
        return value instanceof Document doc ? plain(doc) : null;
    }

    private static List<Map<String, Object>> list(Object value) {
        return value instanceof List<?> items
                ? items.stream().map(item -> plain((Document) item)).toList() : List.of();
    }

    private static Map<String, Object> plain(Document doc) {
        Map<String, Object> out = new java.util.LinkedHashMap<>();
        doc.forEach((key, v) -> out.put(key, v instanceof Date date ? date.toInstant().toString()
                : v instanceof Document inner ? plain(inner) : v));
        return out;
    }

    private static Instant instant(Date date) {
        return date == null ? null : date.toInstant();
    }
}
