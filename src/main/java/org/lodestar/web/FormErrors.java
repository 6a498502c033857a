package org.lodestar.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.lodestar.errors.InvalidInput;

/**
 * What was wrong with a submitted form, for showing it again: every problem in a list at the top and,
 * by field, next to the input it concerns. A problem without a field (a clash with what is stored) shows
 * only at the top.
 */
public record FormErrors(List<String> all, Map<String, String> byField) {

    public static FormErrors of(InvalidInput invalid) {
        Map<String, String> byField = new LinkedHashMap<>();
        for (InvalidInput.Problem problem : invalid.problems()) {
            if (problem.field() != null) {
                byField.merge(problem.field(), problem.reason(), (a, b) -> a + "; " + b);
            }
        }
        return new FormErrors(invalid.named(Map.of()), byField);
    }

    /**
     * The same, with the list at the top naming each field by its label on the form ({@code Valid through: …}
     * rather than {@code expiresOn: …}) where that is not the field's name in words ({@link InvalidInput#words}).
     */
    public static FormErrors of(InvalidInput invalid, Map<String, String> labels) {
        return new FormErrors(invalid.named(labels), of(invalid).byField());
    }

    /** A problem that concerns the form as a whole, such as a clash with a stored record. */
    public static FormErrors of(String message) {
        return new FormErrors(List.of(message), Map.of());
    }

    public boolean has(String field) {
        return byField.containsKey(field);
    }

    public String get(String field) {
        return byField.get(field);
    }
}
