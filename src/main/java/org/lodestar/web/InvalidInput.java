package org.lodestar.web;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ResponseStatus;

import java.util.ArrayList;
import java.util.List;

/**
 * Input a user can fix: each problem names the field (or line and column) and what was expected.
 * Answered as 400 with the problems listed.
 */
@ResponseStatus(HttpStatus.BAD_REQUEST)
public class InvalidInput extends RuntimeException {

    public record Problem(String field, String reason) {
        @Override
        public String toString() {
            return field == null ? reason : field + ": " + reason;
        }
    }

    private final List<Problem> problems;

    public InvalidInput(List<Problem> problems) {
        super(summary(problems));
        this.problems = List.copyOf(problems);
    }

    public InvalidInput(String field, String reason) {
        this(List.of(new Problem(field, reason)));
    }

    public List<Problem> problems() {
        return problems;
    }

    private static String summary(List<Problem> problems) {
        return problems.stream().map(Problem::toString).reduce((a, b) -> a + "; " + b).orElse("invalid input");
    }

    /** Collects problems while validating, then throws them all at once. */
    public static final class Collector {
        private final List<Problem> problems = new ArrayList<>();

        public Collector add(String field, String reason) {
            problems.add(new Problem(field, reason));
            return this;
        }

        /** Notes a text longer than {@code max} characters (after trimming); null is fine. */
        public Collector maxLength(String field, String value, int max) {
            if (value != null && value.trim().length() > max) {
                add(field, "must be at most " + max + " characters, got " + value.trim().length());
            }
            return this;
        }

        public boolean isEmpty() {
            return problems.isEmpty();
        }

        public List<Problem> problems() {
            return problems;
        }

        public void throwIfAny() {
            if (!problems.isEmpty()) {
                throw new InvalidInput(problems);
            }
        }
    }
}
