package io.aftersales.contracts;

/** A pointer to evidence kept elsewhere (photo archive, weighing record); events never carry the file. */
public record EvidenceRef(String kind, String ref) {
}
