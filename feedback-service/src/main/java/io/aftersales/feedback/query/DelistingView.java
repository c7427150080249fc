package io.aftersales.feedback.query;

import io.aftersales.feedback.api.ProductRelisted;

import java.time.Instant;
import java.util.List;

/**
 * A delisting (下架) as QA and the store listing sync see it; {@code id} is the incident id.
 * {@code status} is {@code ACTIVE} until QA relists, then {@code RELISTED} with who, when and why.
 */
public record DelistingView(
        String id,
        String product,
        String batch,
        List<String> skus,
        List<String> storeIds,
        String rule,
        String reason,
        String status,
        String delistedBy,
        Instant delistedAt,
        String relistedBy,
        Instant relistedAt,
        String note) {

    public static final String ACTIVE = "ACTIVE";
    public static final String RELISTED = "RELISTED";

    /** This delisting once {@code relisted} is recorded: what QA's relisting answers, without waiting for the projection. */
    public DelistingView relisted(ProductRelisted relisted) {
        return new DelistingView(id, product, batch, skus, storeIds, rule, reason, RELISTED, delistedBy, delistedAt,
                relisted.relistedBy(), relisted.relistedAt(), relisted.note());
    }
}
