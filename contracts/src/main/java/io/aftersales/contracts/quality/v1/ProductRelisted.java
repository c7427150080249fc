package io.aftersales.contracts.quality.v1;

import io.aftersales.contracts.IntegrationEvent;

import java.time.Instant;

/**
 * QA cleared the product batch: the product goes back on sale and the incident is closed. A new
 * burst of reports after this opens a new incident.
 * Published on {@code aftersales.quality.v1} as CloudEvents type {@value #TYPE}; Kafka key = {@code product}.
 *
 * @param incidentId the incident that is closed (the id of its delisting)
 * @param product    the style code, or the SKU when no style is given
 * @param batch      the production batch of the incident
 * @param note       QA's note on why the product may be sold again
 * @param relistedBy the actor: the QA user
 * @param relistedAt when the product was relisted (also {@code ce_time})
 */
public record ProductRelisted(
        String incidentId,
        String product,
        String batch,
        String note,
        String relistedBy,
        Instant relistedAt) implements IntegrationEvent {

    public static final String TYPE = "aftersales.quality.product-relisted.v1";

    @Override
    public String subject() {
        return QualitySubjects.of(product, batch);
    }
}
