package io.aftersales.ticket.web;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** The body of {@code POST /api/v1/tickets/{id}/remarks}. */
public record AddRemarkRequest(@NotBlank @Size(max = 2000) String text, Boolean flagged) {
}
