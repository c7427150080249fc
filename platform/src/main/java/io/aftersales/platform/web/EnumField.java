package io.aftersales.platform.web;

import java.util.Arrays;
import java.util.List;

/**
 * Enumerations arrive as text, so an unknown value is a field error reported next to the others,
 * not an unreadable body. The one way every service's requests read an enumeration.
 */
public final class EnumField {

    private EnumField() {
    }

    /** The constant named {@code value}; otherwise null, with an error for {@code field} added to {@code errors}. */
    public static <E extends Enum<E>> E parse(String field, String value, Class<E> type, List<FieldError> errors) {
        if (value == null || value.isBlank()) {
            return null;
        }
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equals(value)) {
                return constant;
            }
        }
        errors.add(new FieldError(field, "must be one of " + Arrays.toString(type.getEnumConstants())));
        return null;
    }
}
