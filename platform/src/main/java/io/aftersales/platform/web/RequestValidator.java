package io.aftersales.platform.web;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Checks a request body against its Bean Validation annotations plus any rules the endpoint adds,
 * and reports every bad field at once rather than the first one found.
 */
public class RequestValidator {

    private final Validator validator;

    public RequestValidator(Validator validator) {
        this.validator = validator;
    }

    public <T> T validate(T request, List<FieldError> additionalErrors) {
        List<FieldError> errors = new ArrayList<>();
        for (ConstraintViolation<T> violation : validator.validate(request)) {
            errors.add(new FieldError(violation.getPropertyPath().toString(), violation.getMessage()));
        }
        errors.addAll(additionalErrors);
        if (!errors.isEmpty()) {
            errors.sort(Comparator.comparing(FieldError::field));
            throw new InvalidRequestException(errors);
        }
        return request;
    }

    public <T> T validate(T request) {
        return validate(request, List.of());
    }
}
