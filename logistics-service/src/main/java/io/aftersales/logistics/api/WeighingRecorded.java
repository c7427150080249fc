package io.aftersales.logistics.api;

import java.time.Instant;

/** The weigh check of a short delivery: a discrepancy beyond the tolerance is the courier's fault. */
public record WeighingRecorded(
        String claimId,
        String storeId,
        int slipWeightGrams,
        int measuredWeightGrams,
        int toleranceGrams,
        boolean discrepancy,
        String weighedBy,
        Instant weighedAt) {
}
