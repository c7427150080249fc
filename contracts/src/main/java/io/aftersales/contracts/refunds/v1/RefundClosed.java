package io.aftersales.contracts.refunds.v1;

import io.aftersales.contracts.IntegrationEvent;

import java.time.Instant;

/**
 * The refund is paid and its return, if any, checked: nothing more happens to it (an exchange closes after QC).
 * Published by refund-service on {@code aftersales.refunds.v1} as CloudEvents type {@value #TYPE}; Kafka key and
 * {@code ce_subject} are the refund id, {@code ce_time} is {@code closedAt}. JSON Schema:
 * {@code schemas/aftersales.refund.closed.v1.json}.
 *
 * @param refundId the refund (aggregate) id; also the Kafka key and ce_subject.
 * @param ticketId the ticket whose agreed resolution the refund carries out; null for a platform's refund request.
 * @param resolutionNumber that resolution's number; null when there is no ticket.
 * @param storeId the store (店铺) the order belongs to.
 * @param platform tAOBAO, TMALL, JD, PINDUODUO, DOUYIN or OTHER.
 * @param orderId the platform's order id.
 * @param sku the SKU of the order line.
 * @param closedBy the actor: an agent or system.
 * @param closedAt when (also ce_time).
 */
public record RefundClosed(
        String refundId,
        String ticketId,
        Integer resolutionNumber,
        String storeId,
        String platform,
        String orderId,
        String sku,
        String closedBy,
        Instant closedAt) implements IntegrationEvent {

    public static final String TYPE = "aftersales.refund.closed.v1";

    @Override
    public String subject() {
        return refundId;
    }
}
