package io.aftersales.contracts.quality.v1;

import io.aftersales.contracts.IntegrationEvent;

import java.time.Instant;
import java.util.List;

/**
 * A product is taken off sale (下架) in every store that sells it because a batch-defect incident
 * was opened on one of its production batches. The store listing sync acts on it; ticket-service
 * marks open tickets of the product and batch as part of a confirmed batch defect.
 * Published on {@code aftersales.quality.v1} as CloudEvents type {@value #TYPE}; Kafka key = {@code product},
 * {@code ce_subject} = {@link #subject()}. JSON Schema: {@code schemas/aftersales.quality.product-delisted.v1.json}.
 *
 * @param incidentId the incident (also the id of the delisting and of its production alert)
 * @param product    the style code, or the SKU when no style is given
 * @param batch      the production batch (批次); set for every batch-defect delisting
 * @param skus       every SKU of the product seen in reports on this batch, sorted
 * @param storeIds   every store that reported the defect on this batch, sorted
 * @param reason     why, in words, e.g. "5 distinct buyers within PT72H (rule default)"
 * @param delistedBy the actor: {@code system} for a rule decision
 * @param delistedAt when the product was delisted (also {@code ce_time})
 */
public record ProductDelisted(
        String incidentId,
        String product,
        String batch,
        List<String> skus,
        List<String> storeIds,
        String reason,
        String delistedBy,
        Instant delistedAt) implements IntegrationEvent {

    public static final String TYPE = "aftersales.quality.product-delisted.v1";

    @Override
    public String subject() {
        return QualitySubjects.of(product, batch);
    }
}
