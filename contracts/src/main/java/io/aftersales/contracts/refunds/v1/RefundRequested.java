package io.aftersales.contracts.refunds.v1;

import io.aftersales.contracts.IntegrationEvent;
import io.aftersales.contracts.Money;

import java.time.Instant;

/**
 * A refund (or an exchange) was requested from a ticket's agreed resolution or a platform request.
 * Published by refund-service on {@code aftersales.refunds.v1} as CloudEvents type {@value #TYPE}; Kafka key and
 * {@code ce_subject} are the refund id, {@code ce_time} is {@code requestedAt}. JSON Schema:
 * {@code schemas/aftersales.refund.requested.v1.json}.
 *
 * @param refundId the refund (aggregate) id; also the Kafka key and ce_subject.
 * @param ticketId the ticket whose agreed resolution the refund carries out; null for a platform's refund request.
 * @param resolutionNumber that resolution's number; null when there is no ticket.
 * @param storeId the store (店铺) the order belongs to.
 * @param platform tAOBAO, TMALL, JD, PINDUODUO, DOUYIN or OTHER.
 * @param orderId the platform's order id.
 * @param sku the SKU of the order line.
 * @param kind rETURN_AND_REFUND, REFUND_ONLY, BEFORE_SHIPMENT or EXCHANGE (no money).
 * @param total the money requested (zero for an exchange).
 * @param fastTrack on a confirmed batch defect: paid when the return is shipped.
 * @param requestedBy the actor: an agent id or system.
 * @param requestedAt when (also ce_time).
 */
public record RefundRequested(
        String refundId,
        String ticketId,
        Integer resolutionNumber,
        String storeId,
        String platform,
        String orderId,
        String sku,
        String kind,
        Money total,
        boolean fastTrack,
        String requestedBy,
        Instant requestedAt) implements IntegrationEvent {

    public static final String TYPE = "aftersales.refund.requested.v1";

    @Override
    public String subject() {
        return refundId;
    }
}
