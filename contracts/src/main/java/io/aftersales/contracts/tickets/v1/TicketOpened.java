package io.aftersales.contracts.tickets.v1;

import io.aftersales.contracts.EvidenceRef;
import io.aftersales.contracts.IntegrationEvent;
import io.aftersales.contracts.Money;

import java.time.Instant;
import java.util.List;

/**
 * A customer's after-sales case on one order line was opened. Carries ids only, no personal data.
 * Published on {@code aftersales.tickets.v1} as CloudEvents type {@value #TYPE}; Kafka key and
 * {@code ce_subject} are the ticket id. JSON Schema: {@code schemas/aftersales.ticket.opened.v1.json}.
 *
 * @param ticketId       the ticket (aggregate) id
 * @param storeId        the store the order belongs to
 * @param platform       {@code TAOBAO}, {@code TMALL}, {@code JD}, {@code PINDUODUO}, {@code DOUYIN} or {@code OTHER}
 * @param orderId        the platform's order id
 * @param externalId     the platform's after-sales id; null when an agent opened the ticket
 * @param buyerId        the buyer's platform id
 * @param vip            whether the buyer is a VIP
 * @param sku            the SKU of the order line
 * @param styleCode      the style (款号); null when unknown
 * @param batch          the production batch (批次); null when unknown
 * @param quantity       units concerned, at least 1
 * @param paidAmount     what was paid for the order line
 * @param signedAt       when the buyer signed for the parcel; null when not delivered or unknown
 * @param category       the category name, e.g. {@code QUALITY} (see the schema for the closed list)
 * @param defectType     for quality categories a code such as {@code COLOUR_FADING}; null otherwise
 * @param responsibility {@code SELLER}, {@code COURIER}, {@code BUYER}; null while undecided
 * @param evidence       references to evidence kept elsewhere; never null, may be empty
 * @param openedBy       the actor: an agent id or {@code system}
 * @param openedAt       when the ticket was opened (also {@code ce_time})
 */
public record TicketOpened(
        String ticketId,
        String storeId,
        String platform,
        String orderId,
        String externalId,
        String buyerId,
        boolean vip,
        String sku,
        String styleCode,
        String batch,
        int quantity,
        Money paidAmount,
        Instant signedAt,
        String category,
        String defectType,
        String responsibility,
        List<EvidenceRef> evidence,
        String openedBy,
        Instant openedAt) implements IntegrationEvent {

    public static final String TYPE = "aftersales.ticket.opened.v1";

    @Override
    public String subject() {
        return ticketId;
    }
}
