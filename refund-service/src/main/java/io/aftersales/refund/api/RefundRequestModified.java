package io.aftersales.refund.api;

import org.axonframework.serialization.Revision;

import java.time.Instant;
import java.util.List;

/** The buyer asked again with these lines after a refusal. */
@Revision("1")
public record RefundRequestModified(
        String refundId,
        List<RefundLine> lines,
        String modifiedBy,
        Instant modifiedAt) {
}
