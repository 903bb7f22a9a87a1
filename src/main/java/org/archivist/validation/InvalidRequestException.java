package org.archivist.validation;

import java.util.List;

/** A request that breaks one or more rules; each violation names the field and the rule. */
public class InvalidRequestException extends IllegalArgumentException {

    private final List<Violation> violations;

    public InvalidRequestException(String requestName, List<Violation> violations) {
        super("invalid " + requestName + ": " + String.join("; ", violations.stream().map(Violation::toString).toList()));
        this.violations = List.copyOf(violations);
    }

    public List<Violation> violations() {
        return violations;
    }

    /** One broken rule, e.g. field {@code color}, rule {@code must be a colour written #rrggbb}. */
    public record Violation(String field, String rule, Object rejectedValue) {
        @Override
        public String toString() {
            return field + " " + rule;
        }
    }
}
