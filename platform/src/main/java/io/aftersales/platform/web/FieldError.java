package io.aftersales.platform.web;

/** One invalid request field in a 400 problem: the JSON path of the field and what is wrong with it. */
public record FieldError(String field, String message) {
}
