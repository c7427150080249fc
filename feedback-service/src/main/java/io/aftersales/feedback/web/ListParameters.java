package io.aftersales.feedback.web;

import io.aftersales.platform.web.FieldError;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;

import java.util.ArrayList;
import java.util.List;

/** The query parameters of a list endpoint, read as text so that a bad number is a field error too. */
record ListParameters(@Size(max = 64) String product, @Size(max = 64) String sku, String status,
                      @Min(0) @Max(10_000) Integer page, @Min(1) @Max(MAX_SIZE) Integer size) {

    static final int DEFAULT_SIZE = 20;
    static final int MAX_SIZE = 100;

    static ListParameters parse(String product, String sku, String status, String page, String size,
                                List<String> statuses, List<FieldError> errors) {
        String normalisedStatus = blankToNull(status);
        if (normalisedStatus != null && !statuses.contains(normalisedStatus)) {
            errors.add(new FieldError("status", "must be one of " + statuses));
        }
        return new ListParameters(blankToNull(product), blankToNull(sku), normalisedStatus,
                number("page", page, 0, errors), number("size", size, DEFAULT_SIZE, errors));
    }

    private static Integer number(String field, String text, int orElse, List<FieldError> errors) {
        if (text == null || text.isBlank()) {
            return orElse;
        }
        try {
            return Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            errors.add(new FieldError(field, "must be a whole number"));
            return orElse;
        }
    }

    static List<FieldError> errors() {
        return new ArrayList<>();
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
