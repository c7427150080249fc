package io.aftersales.feedback.api;

/** The batch-defect rules in force, most specific first (the order they are chosen in). */
public record FindDefectRules() {
}
