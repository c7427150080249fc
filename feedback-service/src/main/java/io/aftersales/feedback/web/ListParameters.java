package io.aftersales.feedback.web;

import io.aftersales.platform.web.FieldError;
import io.aftersales.platform.web.PageRequest;
import jakarta.validation.constraints.Size;

import java.util.ArrayList;
import java.util.List;

/**
 * The filters of a quality list endpoint, read as text so that every bad parameter is a field error
 * reported together; the page is the platform's one {@link PageRequest}.
 */
record ListParameters(@Size(max = 64) String product, @Size(max = 64) String sku, String status, PageRequest page) {

    static ListParameters parse(String product, String sku, String status, String page, String size,
                                List<String> statuses, List<FieldError> errors) {
        String normalisedStatus = blankToNull(status);
        if (normalisedStatus != null && !statuses.contains(normalisedStatus)) {
            errors.add(new FieldError("status", "must be one of " + statuses));
        }
        return new ListParameters(blankToNull(product), blankToNull(sku), normalisedStatus,
                PageRequest.parse(page, size, errors));
    }

    static List<FieldError> errors() {
        return new ArrayList<>();
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
