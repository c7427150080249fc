package io.aftersales.contracts.tickets.v1;

import io.aftersales.contracts.EvidenceRef;
import io.aftersales.contracts.IntegrationEvent;

import java.time.Instant;
import java.util.List;

/**
 * A ticket reports a quality defect on a product and production batch: the input of batch-defect
 * detection. {@code product} is the style code, or the SKU when the ticket gives no style.
 * {@code batch} is null when the buyer could not tell it.
 * Published on {@code aftersales.tickets.v1} as CloudEvents type {@value #TYPE}; Kafka key and
 * {@code ce_subject} are the ticket id. JSON Schema:
 * {@code schemas/aftersales.ticket.defect-reported.v1.json}.
 *
 * @param ticketId   the ticket (aggregate) id
 * @param storeId    the store the order belongs to
 * @param platform   {@code TAOBAO}, {@code TMALL}, {@code JD}, {@code PINDUODUO}, {@code DOUYIN} or {@code OTHER}
 * @param buyerId    the buyer's platform id (reports count once per buyer)
 * @param sku        the SKU of the order line
 * @param styleCode  the style (款号); null when unknown
 * @param product    what the defect is counted against: {@code styleCode}, or {@code sku} when there is no style
 * @param batch      the production batch (批次); null when unknown
 * @param category   the category name, usually {@code QUALITY}
 * @param defectType a code such as {@code COLOUR_FADING}; null when not yet classified
 * @param quantity   units concerned, at least 1
 * @param evidence   references to evidence kept elsewhere; never null, may be empty
 * @param reportedBy the actor: an agent id or {@code system}
 * @param reportedAt when the defect was reported (also {@code ce_time})
 */
public record DefectReported(
        String ticketId,
        String storeId,
        String platform,
        String buyerId,
        String sku,
        String styleCode,
        String product,
        String batch,
        String category,
        String defectType,
        int quantity,
        List<EvidenceRef> evidence,
        String reportedBy,
        Instant reportedAt) implements IntegrationEvent {

    public static final String TYPE = "aftersales.ticket.defect-reported.v1";

    @Override
    public String subject() {
        return ticketId;
    }
}
