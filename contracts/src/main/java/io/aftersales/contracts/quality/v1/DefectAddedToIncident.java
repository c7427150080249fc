package io.aftersales.contracts.quality.v1;

import io.aftersales.contracts.IntegrationEvent;

import java.time.Instant;

/**
 * A defect report arrived on a product batch whose incident is still open: it is added to the
 * incident's evidence instead of raising another alert. Tells the store listing sync about a store
 * or SKU not named in the delisting, and ticket-service about a ticket that joins a confirmed batch defect.
 * Published on {@code aftersales.quality.v1} as CloudEvents type {@value #TYPE}; Kafka key = {@code product}.
 *
 * @param incidentId     the open incident
 * @param product        the style code, or the SKU when no style is given
 * @param batch          the production batch; set for every batch-defect incident
 * @param ticketId       the ticket that reported the defect
 * @param buyerId        the buyer's platform id
 * @param storeId        the store the order belongs to
 * @param sku            the SKU of the order line
 * @param defectType     e.g. {@code COLOUR_FADING}; null when not classified
 * @param reportedAt     when the ticket reported the defect
 * @param distinctBuyers distinct buyers of the incident so far, this report included
 * @param reports        reports of the incident so far, this one included
 * @param addedBy        the actor: {@code system}
 * @param addedAt        when the report was added (also {@code ce_time})
 */
public record DefectAddedToIncident(
        String incidentId,
        String product,
        String batch,
        String ticketId,
        String buyerId,
        String storeId,
        String sku,
        String defectType,
        Instant reportedAt,
        int distinctBuyers,
        int reports,
        String addedBy,
        Instant addedAt) implements IntegrationEvent {

    public static final String TYPE = "aftersales.quality.defect-added-to-incident.v1";

    @Override
    public String subject() {
        return QualitySubjects.of(product, batch);
    }
}
