package io.aftersales.feedback.api;

/** A product's defect reports by batch and defect type, and its open incidents. */
public record FindProductQuality(String product) {
}
