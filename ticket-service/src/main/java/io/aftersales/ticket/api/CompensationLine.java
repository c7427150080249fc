package io.aftersales.ticket.api;

/** One attributed part of a resolution, with its money; {@code note} says why (optional). */
public record CompensationLine(CompensationLineType type, Money amount, String note) {
}
