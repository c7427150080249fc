package io.aftersales.contracts.refunds.v1;

import io.aftersales.contracts.IntegrationEvent;
import io.aftersales.contracts.Money;

import java.time.Instant;

/**
 * The money may go: the payout is asked from the platform next.
 * Published by refund-service on {@code aftersales.refunds.v1} as CloudEvents type {@value #TYPE}; Kafka key and
 * {@code ce_subject} are the refund id, {@code ce_time} is {@code approvedAt}. JSON Schema:
 * {@code schemas/aftersales.refund.approved.v1.json}.
 *
 * @param refundId the refund (aggregate) id; also the Kafka key and ce_subject.
 * @param ticketId the ticket whose agreed resolution the refund carries out; null for a platform's refund request.
 * @param resolutionNumber that resolution's number; null when there is no ticket.
 * @param storeId the store (店铺) the order belongs to.
 * @param platform tAOBAO, TMALL, JD, PINDUODUO, DOUYIN or OTHER.
 * @param orderId the platform's order id.
 * @param sku the SKU of the order line.
 * @param total the amount to pay back.
 * @param approvedBy the actor: an agent, a supervisor, a warehouse user (QC) or system.
 * @param approvedAt when (also ce_time).
 */
public record RefundApproved(
        String refundId,
        String ticketId,
        Integer resolutionNumber,
        String storeId,
        String platform,
        String orderId,
        String sku,
        Money total,
        String approvedBy,
        Instant approvedAt) implements IntegrationEvent {

    public static final String TYPE = "aftersales.refund.approved.v1";

    @Override
    public String subject() {
        return refundId;
    }
}
