package io.aftersales.refund.api;

import org.axonframework.serialization.Revision;

import java.time.Instant;

/** The warehouse's QC result and what it does with the goods. */
@Revision("1")
public record QualityChecked(
        String refundId,
        boolean passed,
        Disposition disposition,
        String reason,
        String checkedBy,
        Instant checkedAt) {
}
