package io.aftersales.refund.query;

import org.bson.Document;

import java.time.Instant;

/** One line of the refund list. */
public record RefundSummary(String id, String storeId, String platform, String sku, String ticketId, String orderId,
                            String kind, String status, String total, String currency, boolean fastTrack,
                            Instant requestedAt, Instant updatedAt) {

    static RefundSummary of(Document d) {
        return new RefundSummary(d.getString("_id"), d.getString("storeId"), d.getString("platform"),
                d.getString("sku"), d.getString("ticketId"), d.getString("orderId"), d.getString("kind"),
                d.getString("status"), d.getString("total"), d.getString("currency"),
                Boolean.TRUE.equals(d.getBoolean("fastTrack")), d.getDate("requestedAt").toInstant(),
                d.getDate("updatedAt").toInstant());
    }
}
