package io.aftersales.feedback.web;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** The body of {@code POST /api/v1/delistings/{id}/relist}: QA's note on why the product may be sold again. */
public record RelistRequest(@NotBlank @Size(max = 2000) String note) {
}
