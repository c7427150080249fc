package io.aftersales.contracts.refunds.v1;

import io.aftersales.contracts.IntegrationEvent;

import java.time.Instant;

/**
 * The warehouse received the goods of a refund's return leg (before quality control).
 * Published by refund-service on {@code aftersales.refunds.v1} as CloudEvents type {@value #TYPE}; Kafka key and
 * {@code ce_subject} are the refund id, {@code ce_time} is {@code receivedAt}. JSON Schema:
 * {@code schemas/aftersales.refund.goods-received.v1.json}.
 *
 * @param refundId the refund (aggregate) id
 * @param ticketId the ticket whose agreed resolution the return belongs to
 * @param resolutionNumber that resolution's number
 * @param storeId the store the order belongs to
 * @param warehouse the receiving warehouse's code
 * @param receivedBy the warehouse user who recorded the receipt
 * @param receivedAt when (also {@code ce_time})
 */
public record GoodsReceived(
        String refundId,
        String ticketId,
        int resolutionNumber,
        String storeId,
        String warehouse,
        String receivedBy,
        Instant receivedAt) implements IntegrationEvent {

    public static final String TYPE = "aftersales.refund.goods-received.v1";

    @Override
    public String subject() {
        return refundId;
    }
}
