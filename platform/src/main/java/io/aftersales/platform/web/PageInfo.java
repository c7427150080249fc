package io.aftersales.platform.web;

/** Where a page of a list endpoint sits in its list: {@code number} counts from 0. Every service pages alike. */
public record PageInfo(int number, int size, long totalItems, int totalPages) {

    public static PageInfo of(int number, int size, long totalItems) {
        return new PageInfo(number, size, totalItems, (int) ((totalItems + size - 1) / size));
    }
}
