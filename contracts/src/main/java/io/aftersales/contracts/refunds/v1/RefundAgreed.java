package io.aftersales.contracts.refunds.v1;

import io.aftersales.contracts.IntegrationEvent;

import java.time.Instant;

/**
 * The seller agreed: a return is awaited, a refund only is approved, a refund before shipment stops the shipment first.
 * Published by refund-service on {@code aftersales.refunds.v1} as CloudEvents type {@value #TYPE}; Kafka key and
 * {@code ce_subject} are the refund id, {@code ce_time} is {@code agreedAt}. JSON Schema:
 * {@code schemas/aftersales.refund.agreed.v1.json}.
 *
 * @param refundId the refund (aggregate) id; also the Kafka key and ce_subject.
 * @param ticketId the ticket whose agreed resolution the refund carries out; null for a platform's refund request.
 * @param resolutionNumber that resolution's number; null when there is no ticket.
 * @param storeId the store (店铺) the order belongs to.
 * @param platform tAOBAO, TMALL, JD, PINDUODUO, DOUYIN or OTHER.
 * @param orderId the platform's order id.
 * @param sku the SKU of the order line.
 * @param kind as in RefundRequested.
 * @param goodsComeBack true when the buyer sends the goods back to the store's return address.
 * @param agreedBy the actor: an agent or supervisor id.
 * @param agreedAt when (also ce_time).
 */
public record RefundAgreed(
        String refundId,
        String ticketId,
        Integer resolutionNumber,
        String storeId,
        String platform,
        String orderId,
        String sku,
        String kind,
        boolean goodsComeBack,
        String agreedBy,
        Instant agreedAt) implements IntegrationEvent {

    public static final String TYPE = "aftersales.refund.agreed.v1";

    @Override
    public String subject() {
        return refundId;
    }
}
