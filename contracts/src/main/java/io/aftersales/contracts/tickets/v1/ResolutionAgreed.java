package io.aftersales.contracts.tickets.v1;

import io.aftersales.contracts.IntegrationEvent;
import io.aftersales.contracts.Money;

import java.time.Instant;
import java.util.List;

/**
 * The buyer accepted a resolution: what refund-service and logistics-service carry out (the refund
 * and its return leg, the reshipment or exchange, the courier claim). {@code ticketId} +
 * {@code resolutionNumber} is the business key: a consumer that has acted on it once does nothing the
 * second time, whatever the {@code ce_id}.
 * Published on {@code aftersales.tickets.v1} as CloudEvents type {@value #TYPE}; Kafka key and
 * {@code ce_subject} are the ticket id, {@code ce_time} is {@code agreedAt}. JSON Schema:
 * {@code schemas/aftersales.ticket.resolution-agreed.v1.json}.
 *
 * @param ticketId the ticket (aggregate) id; with {@code resolutionNumber} the business key
 * @param storeId the store the order belongs to
 * @param platform as in {@link TicketOpened}
 * @param orderId the platform's order id
 * @param buyerId the buyer's platform id
 * @param sku the SKU of the order line
 * @param styleCode the style (款号); null when unknown
 * @param batch the production batch; null when unknown
 * @param quantity units concerned, at least 1
 * @param paidAmount what was paid for the order line
 * @param resolutionNumber 1, 2, ... per ticket (a reopened ticket may agree a second resolution)
 * @param proposalNumber the proposal the buyer accepted
 * @param kind as in {@link ResolutionProposed}
 * @param lines the compensation lines; never null
 * @param refundAmount the money that goes back to the buyer (zero when none)
 * @param chargedToBuyer what the buyer is charged (depreciation, a price difference not waived; zero when none)
 * @param responsibility {@code SELLER}, {@code COURIER}, {@code BUYER}; null while undecided
 * @param shippingPaidBy who pays shipping both ways; null when nobody is responsible yet
 * @param goodsComeBack whether the goods travel back to the warehouse (return, exchange, repair)
 * @param batchDefectFastTrack the ticket is on a confirmed batch defect: refunds pay when the return is shipped
 * @param awaiting the parts to be reported back before the ticket is resolved: {@code REFUND_PAID}, {@code RETURN_RECEIVED}, {@code REPLACEMENT_SHIPPED}, {@code CLAIM_OPENED}; sorted, may be empty
 * @param agreedVia {@code AGENT} (the buyer told an agent) or {@code PLATFORM} (accepted on the platform)
 * @param agreedBy the actor: the agent, or {@code system}
 * @param agreedAt when (also {@code ce_time})
 */
public record ResolutionAgreed(
        String ticketId,
        String storeId,
        String platform,
        String orderId,
        String buyerId,
        String sku,
        String styleCode,
        String batch,
        int quantity,
        Money paidAmount,
        int resolutionNumber,
        int proposalNumber,
        String kind,
        List<CompensationLine> lines,
        Money refundAmount,
        Money chargedToBuyer,
        String responsibility,
        String shippingPaidBy,
        boolean goodsComeBack,
        boolean batchDefectFastTrack,
        List<String> awaiting,
        String agreedVia,
        String agreedBy,
        Instant agreedAt) implements IntegrationEvent {

    public static final String TYPE = "aftersales.ticket.resolution-agreed.v1";

    @Override
    public String subject() {
        return ticketId;
    }
}
