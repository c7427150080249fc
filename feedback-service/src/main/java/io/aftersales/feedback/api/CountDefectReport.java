package io.aftersales.feedback.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/**
 * Count one ticket's defect report against its product batch. Idempotent per ticket: the same
 * ticket again (a redelivery, or a crash between handling and the inbox record) changes nothing.
 *
 * @param productBatchId the product batch (see {@link ProductBatchIds})
 * @param batch          null when the buyer could not tell it ("batch unknown")
 * @param reportedAt     when the ticket reported it: the rule's window is measured on this time
 * @param receivedAt     when feedback-service handled it (processing time, for the events' own time)
 */
public record CountDefectReport(
        @TargetAggregateIdentifier String productBatchId,
        String product,
        String batch,
        String ticketId,
        String buyerId,
        String storeId,
        String platform,
        String sku,
        String category,
        String defectType,
        Instant reportedAt,
        Instant receivedAt) {
}
