package io.aftersales.platform.web;

import java.util.ArrayList;
import java.util.List;

/**
 * The page a list endpoint is asked for: {@code page} counts from 0, {@code size} items per page. The
 * one way every list endpoint of every service reads {@code ?page=&size=}: read as text, so that a bad
 * or overflowing number is a 400 field error naming {@code page} or {@code size}, never a 500.
 *
 * <p>Limits, the same everywhere: {@value #DEFAULT_SIZE} items by default, at most {@value #MAX_SIZE}
 * per page, and a page may not start past item {@value #MAX_OFFSET} (deeper lists are narrowed with
 * filters, not paged through: the store skips every item before the page).
 */
public record PageRequest(int page, int size) {

    public static final int DEFAULT_SIZE = 20;
    public static final int MAX_SIZE = 200;
    public static final int MAX_OFFSET = 10_000;

    public PageRequest {
        if (page < 0 || size < 1 || size > MAX_SIZE || (long) page * size > MAX_OFFSET) {
            throw new IllegalArgumentException("not a page: page " + page + ", size " + size);
        }
    }

    /** The page asked for by these query parameters (absent: the first page of {@value #DEFAULT_SIZE}). */
    public static PageRequest of(String page, String size) {
        List<FieldError> errors = new ArrayList<>();
        PageRequest request = parse(page, size, errors);
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(errors);
        }
        return request;
    }

    /**
     * As {@link #of}, adding what is wrong to {@code errors} (for an endpoint that reports its other
     * parameters' errors with them) and answering the first page instead.
     */
    public static PageRequest parse(String page, String size, List<FieldError> errors) {
        Long number = number("page", page, 0, errors);
        Long items = number("size", size, DEFAULT_SIZE, errors);
        boolean valid = true;
        if (number != null && number < 0) {
            errors.add(new FieldError("page", "must be at least 0"));
            valid = false;
        }
        if (items != null && (items < 1 || items > MAX_SIZE)) {
            errors.add(new FieldError("size", "must be between 1 and " + MAX_SIZE));
            valid = false;
        }
        if (number == null || items == null || !valid) {
            return new PageRequest(0, DEFAULT_SIZE);
        }
        if (number * items > MAX_OFFSET) {
            errors.add(new FieldError("page", "must be at most " + MAX_OFFSET / items + " with size " + items
                    + " (a page may not start past item " + MAX_OFFSET + ")"));
            return new PageRequest(0, DEFAULT_SIZE);
        }
        return new PageRequest(number.intValue(), items.intValue());
    }

    /** The number of items before this page. */
    public int offset() {
        return page * size;
    }

    private static Long number(String field, String text, long orElse, List<FieldError> errors) {
        if (text == null || text.isBlank()) {
            return orElse;
        }
        try {
            return Long.parseLong(text.strip());
        } catch (NumberFormatException e) {
            errors.add(new FieldError(field, "must be a whole number"));
            return null;
        }
    }
}
