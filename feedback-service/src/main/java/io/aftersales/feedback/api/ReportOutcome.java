package io.aftersales.feedback.api;

/** What counting one defect report did: the answer of {@link CountDefectReport}. */
public enum ReportOutcome {
    /** A new buyer's report on the product batch. */
    COUNTED,
    /** A further ticket of a buyer already counted on the product batch: recorded, adds no buyer. */
    REPEAT_BUYER,
    /** The same ticket again: nothing changed. */
    DUPLICATE,
    /** The product batch has an open incident: the report joined its evidence. */
    ADDED_TO_INCIDENT,
    /** The report crossed the rule: the product was delisted and a production alert raised. */
    INCIDENT_RAISED
}
