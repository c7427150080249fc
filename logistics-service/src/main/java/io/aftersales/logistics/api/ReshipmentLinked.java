package io.aftersales.logistics.api;

import java.time.Instant;

/** An agreed resolution of the ticket took over a reshipment already ordered (reship first): nothing is shipped twice. */
public record ReshipmentLinked(
        String claimId,
        String storeId,
        int number,
        int resolutionNumber,
        String linkedBy,
        Instant linkedAt) {
}
