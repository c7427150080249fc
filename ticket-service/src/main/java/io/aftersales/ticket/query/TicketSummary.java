package io.aftersales.ticket.query;

import io.aftersales.ticket.api.Category;
import io.aftersales.ticket.api.Platform;
import io.aftersales.ticket.api.TicketStatus;

import java.time.Instant;

/**
 * A line of the ticket list. {@code product} is the style code, or the SKU when no style is given;
 * {@code flagged}: the ticket has a flagged remark; {@code resolvedAt} is set while it is resolved.
 */
public record TicketSummary(String id, String storeId, Platform platform, String orderId, String buyerId,
                            boolean vip, String sku, String product, String batch, Category category,
                            String defectType, TicketStatus status, String batchDefectIncidentId,
                            String assignee, boolean flagged, boolean escalated, Instant resolvedAt,
                            Instant openedAt, Instant updatedAt, long version) {
}
