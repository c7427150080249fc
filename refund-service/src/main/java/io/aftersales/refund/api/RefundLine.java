package io.aftersales.refund.api;

import java.util.Objects;

/** One attributed part of a refund, with its money. */
public record RefundLine(RefundLineType type, Money amount) {

    public RefundLine {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(amount, "amount");
    }
}
