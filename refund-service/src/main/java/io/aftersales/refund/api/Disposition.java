package io.aftersales.refund.api;

/** What the warehouse does with returned goods after QC. */
public enum Disposition {
    RESTOCK, REPAIR, SCRAP, RETURN_TO_FACTORY
}
