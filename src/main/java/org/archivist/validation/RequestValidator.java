package org.archivist.validation;

import java.util.Comparator;
import java.util.List;
import java.util.Set;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;

import org.springframework.stereotype.Component;

/** Checks a request record against its Bean Validation rules before any service sees it. */
@Component
public class RequestValidator {

    private final Validator validator;

    RequestValidator(Validator validator) {
        this.validator = validator;
    }

    /** Returns the request when it is valid; throws {@link InvalidRequestException} otherwise. */
    public <T> T validate(T request) {
        Set<ConstraintViolation<T>> violations = validator.validate(request);
        if (violations.isEmpty()) {
            return request;
        }
        List<InvalidRequestException.Violation> named = violations.stream()
                .map(v -> new InvalidRequestException.Violation(v.getPropertyPath().toString(), v.getMessage(),
                        v.getInvalidValue()))
                .sorted(Comparator.comparing(InvalidRequestException.Violation::field))
                .toList();
        String requestName = request.getClass().getName().substring(request.getClass().getPackageName().length() + 1)
                .replace('$', '.');
        throw new InvalidRequestException(requestName, named);
    }
}
