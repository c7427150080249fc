package io.aftersales.ticket.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;
import java.util.List;

/**
 * Open one customer's after-sales case on one order line. {@code batchDefectIncidentId} is the
 * incident QA has open on the ticket's product and batch when intake checked (null: none): the
 * ticket is then opened already marked as a confirmed batch defect, in the same commit.
 * {@code platformDeadline} is the platform's deadline for the seller's answer (null: none, or the
 * platform's configured default, applied by intake).
 */
public record OpenTicket(
        @TargetAggregateIdentifier String ticketId,
        String storeId,
        Platform platform,
        String orderId,
        String externalId,
        String buyerId,
        boolean vip,
        String sku,
        String styleCode,
        String batch,
        int quantity,
        Money paidAmount,
        Instant signedAt,
        Category category,
        String defectType,
        String description,
        List<Evidence> evidence,
        String channel,
        String actor,
        Instant requestedAt,
        String batchDefectIncidentId,
        Instant platformDeadline) {

    /** A ticket without a platform deadline of its own (the platform's default may apply). */
    public OpenTicket(String ticketId, String storeId, Platform platform, String orderId, String externalId,
                      String buyerId, boolean vip, String sku, String styleCode, String batch, int quantity,
                      Money paidAmount, Instant signedAt, Category category, String defectType, String description,
                      List<Evidence> evidence, String channel, String actor, Instant requestedAt,
                      String batchDefectIncidentId) {
        this(ticketId, storeId, platform, orderId, externalId, buyerId, vip, sku, styleCode, batch, quantity,
                paidAmount, signedAt, category, defectType, description, evidence, channel, actor, requestedAt,
                batchDefectIncidentId, null);
    }

    /** A ticket on a batch not known to be defective. */
    public OpenTicket(String ticketId, String storeId, Platform platform, String orderId, String externalId,
                      String buyerId, boolean vip, String sku, String styleCode, String batch, int quantity,
                      Money paidAmount, Instant signedAt, Category category, String defectType, String description,
                      List<Evidence> evidence, String channel, String actor, Instant requestedAt) {
        this(ticketId, storeId, platform, orderId, externalId, buyerId, vip, sku, styleCode, batch, quantity,
                paidAmount, signedAt, category, defectType, description, evidence, channel, actor, requestedAt, null);
    }

    /** The product as quality groups tickets: the style code, or the SKU when there is none. */
    public String product() {
        return Product.of(styleCode, sku);
    }

    public OpenTicket onConfirmedBatchDefect(String incidentId) {
        return new OpenTicket(ticketId, storeId, platform, orderId, externalId, buyerId, vip, sku, styleCode, batch,
                quantity, paidAmount, signedAt, category, defectType, description, evidence, channel, actor,
                requestedAt, incidentId, platformDeadline);
    }

    /** The same intake with the platform's deadline for the seller's answer. */
    public OpenTicket withPlatformDeadline(Instant deadline) {
        return new OpenTicket(ticketId, storeId, platform, orderId, externalId, buyerId, vip, sku, styleCode, batch,
                quantity, paidAmount, signedAt, category, defectType, description, evidence, channel, actor,
                requestedAt, batchDefectIncidentId, deadline);
    }
}
