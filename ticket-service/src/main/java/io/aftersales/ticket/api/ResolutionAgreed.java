package io.aftersales.ticket.api;

import org.axonframework.serialization.Revision;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/** The buyer accepted: what refund-service and logistics-service carry out. {@code resolutionNumber} (1, 2, ... per ticket) with the ticket id is the business key downstream; {@code awaiting} the parts to be reported back. */
@Revision("1")
public record ResolutionAgreed(String ticketId, String storeId, Platform platform, String orderId, String buyerId, String sku, String styleCode, String batch, int quantity, Money paidAmount, int resolutionNumber, int proposalNumber, ResolutionKind kind, List<CompensationLine> lines, Money refundAmount, Money chargedToBuyer, Responsibility responsibility, Responsibility shippingPaidBy, boolean batchDefectFastTrack, Set<DownstreamPart> awaiting, AgreementSource agreedVia, String agreedBy, Instant agreedAt) {
}
