package io.aftersales.contracts.quality.v1;

/**
 * How many reports of one defect type an incident's evidence holds.
 *
 * @param defectType a code such as {@code COLOUR_FADING}; {@code UNCLASSIFIED} for reports without one
 * @param reports    reports of that type, at least 1
 */
public record DefectCount(String defectType, int reports) {
}
