package io.aftersales.contracts.refunds.v1;

import io.aftersales.contracts.IntegrationEvent;
import io.aftersales.contracts.Money;

import java.time.Instant;

/**
 * The platform (or the shop's payment provider) paid a refund to the buyer: once per refund.
 * {@code ticketId} and {@code resolutionNumber} are null for a refund no ticket asked for.
 * Published by refund-service on {@code aftersales.refunds.v1} as CloudEvents type {@value #TYPE}; Kafka key and
 * {@code ce_subject} are the refund id, {@code ce_time} is {@code paidAt}. JSON Schema:
 * {@code schemas/aftersales.refund.paid.v1.json}.
 *
 * @param refundId the refund (aggregate) id; the business key
 * @param ticketId the ticket whose agreed resolution the refund carries out; null when none
 * @param resolutionNumber that resolution's number; null when no ticket
 * @param storeId the store the order belongs to
 * @param platform {@code TAOBAO}, {@code TMALL}, {@code JD}, {@code PINDUODUO}, {@code DOUYIN} or {@code OTHER}
 * @param orderId the platform's order id
 * @param sku the SKU of the order line
 * @param amount what was paid back
 * @param paidByPlatform true when the platform decided and paid (the seller's answer deadline passed), false when the seller agreed
 * @param paidAt when the platform confirmed the payment (also {@code ce_time})
 */
public record RefundPaid(
        String refundId,
        String ticketId,
        Integer resolutionNumber,
        String storeId,
        String platform,
        String orderId,
        String sku,
        Money amount,
        boolean paidByPlatform,
        Instant paidAt) implements IntegrationEvent {

    public static final String TYPE = "aftersales.refund.paid.v1";

    @Override
    public String subject() {
        return refundId;
    }
}
