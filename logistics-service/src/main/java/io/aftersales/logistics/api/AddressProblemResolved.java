package io.aftersales.logistics.api;

import java.time.Instant;

/** An address problem was solved; the remark is noted on the order. */
public record AddressProblemResolved(
        String claimId,
        String storeId,
        String orderId,
        AddressResolution resolution,
        String remark,
        String resolvedBy,
        Instant resolvedAt) {
}
