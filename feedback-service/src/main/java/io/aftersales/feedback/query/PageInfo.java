package io.aftersales.feedback.query;

/** Where a page sits in its list: {@code number} counts from 0. */
public record PageInfo(int number, int size, long totalItems, int totalPages) {

    static PageInfo of(int number, int size, long totalItems) {
        return new PageInfo(number, size, totalItems, (int) ((totalItems + size - 1) / size));
    }
}
