package io.aftersales.contracts.refunds.v1;

import io.aftersales.contracts.IntegrationEvent;

import java.time.Instant;

/**
 * The warehouse's quality check of the returned goods passed.
 * Published by refund-service on {@code aftersales.refunds.v1} as CloudEvents type {@value #TYPE}; Kafka key and
 * {@code ce_subject} are the refund id, {@code ce_time} is {@code checkedAt}. JSON Schema:
 * {@code schemas/aftersales.refund.qc-passed.v1.json}.
 *
 * @param refundId the refund (aggregate) id; also the Kafka key and ce_subject.
 * @param ticketId the ticket whose agreed resolution the refund carries out; null for a platform's refund request.
 * @param resolutionNumber that resolution's number; null when there is no ticket.
 * @param storeId the store (店铺) the order belongs to.
 * @param platform tAOBAO, TMALL, JD, PINDUODUO, DOUYIN or OTHER.
 * @param orderId the platform's order id.
 * @param sku the SKU of the order line.
 * @param disposition what happens to the goods: RESTOCK, REPAIR, SCRAP or RETURN_TO_FACTORY.
 * @param checkedBy the warehouse user.
 * @param checkedAt when (also ce_time).
 */
public record QualityCheckPassed(
        String refundId,
        String ticketId,
        Integer resolutionNumber,
        String storeId,
        String platform,
        String orderId,
        String sku,
        String disposition,
        String checkedBy,
        Instant checkedAt) implements IntegrationEvent {

    public static final String TYPE = "aftersales.refund.qc-passed.v1";

    @Override
    public String subject() {
        return refundId;
    }
}
