package io.aftersales.contracts.refunds.v1;

import io.aftersales.contracts.IntegrationEvent;

import java.time.Instant;

/**
 * The seller refused the request, or the warehouse's QC failed it; the reason is what the buyer sees.
 * Published by refund-service on {@code aftersales.refunds.v1} as CloudEvents type {@value #TYPE}; Kafka key and
 * {@code ce_subject} are the refund id, {@code ce_time} is {@code refusedAt}. JSON Schema:
 * {@code schemas/aftersales.refund.refused.v1.json}.
 *
 * @param refundId the refund (aggregate) id; also the Kafka key and ce_subject.
 * @param ticketId the ticket whose agreed resolution the refund carries out; null for a platform's refund request.
 * @param resolutionNumber that resolution's number; null when there is no ticket.
 * @param storeId the store (店铺) the order belongs to.
 * @param platform tAOBAO, TMALL, JD, PINDUODUO, DOUYIN or OTHER.
 * @param orderId the platform's order id.
 * @param sku the SKU of the order line.
 * @param reason why, as told to the buyer.
 * @param refusedBy the actor: an agent, supervisor or warehouse user.
 * @param refusedAt when (also ce_time).
 */
public record RefundRefused(
        String refundId,
        String ticketId,
        Integer resolutionNumber,
        String storeId,
        String platform,
        String orderId,
        String sku,
        String reason,
        String refusedBy,
        Instant refusedAt) implements IntegrationEvent {

    public static final String TYPE = "aftersales.refund.refused.v1";

    @Override
    public String subject() {
        return refundId;
    }
}
