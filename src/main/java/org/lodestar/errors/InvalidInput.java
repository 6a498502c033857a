package org.lodestar.errors;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ResponseStatus;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

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

    /**
     * The problems as a form shows them: each field named by its label on the form ({@code Valid through: …} rather than
     * {@code expiresOn: …}; {@code accountIds[1]} by the label of {@code accountIds}); a field without a label in
     * {@code labels} is named in words ({@link #words}).
     */
    public List<String> named(Map<String, String> labels) {
        return problems.stream().map(p -> p.field() == null ? p.reason()
                : labels.getOrDefault(p.field(), labels.getOrDefault(p.field().replaceAll("\\[\\d+]", ""),
                        words(p.field()))) + ": " + p.reason()).toList();
    }

    private static final Pattern SEGMENT = Pattern.compile("([A-Za-z0-9_]+)(?:\\[(\\d+)])?");
    private static final Map<String, String> ACRONYMS = Map.of("arr", "ARR", "nps", "NPS", "csat", "CSAT", "url", "URL",
            "csm", "CSM", "api", "API", "crm", "CRM", "sso", "SSO");

    /**
     * A field's name in words, as a person reads it: {@code startDate} "Start date", {@code lineItems[0].unitPrice}
     * "Line items 1 › unit price", {@code arr} "ARR". A name that is not a field path is returned as it is.
     */
    public static String words(String field) {
        List<String> parts = new ArrayList<>();
        for (String segment : field.split("\\.", -1)) {
            java.util.regex.Matcher m = SEGMENT.matcher(segment);
            if (!m.matches()) {
                return field;
            }
            List<String> words = new ArrayList<>();
            for (String word : m.group(1).split("(?<=[a-z0-9])(?=[A-Z])|_")) {
                String lower = word.toLowerCase(java.util.Locale.ROOT);
                words.add(ACRONYMS.getOrDefault(lower, lower));
            }
            parts.add(String.join(" ", words) + (m.group(2) == null ? "" : " " + (Integer.parseInt(m.group(2)) + 1)));
        }
        String joined = String.join(" › ", parts);
        return joined.isEmpty() ? field : Character.toUpperCase(joined.charAt(0)) + joined.substring(1);
    }

    private static String summary(List<Problem> problems) {
        return problems.stream().map(Problem::toString).reduce((a, b) -> a + "; " + b).orElse("invalid input");
    }

    /** Collects problems while validating, then throws them all at once. */
    public static final class Collector {
        private static final Pattern EXTERNAL_ID = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9._:/-]{0,99}$");
        private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");
        private static final Pattern SOURCE = Pattern.compile("^[a-z0-9][a-z0-9.-]{0,39}$");

        private final List<Problem> problems = new ArrayList<>();

        /**
         * Notes an id from another system (a CRM, a billing system, a support desk) that is not 1 to 100
         * letters, digits or . _ : / -, starting with a letter or digit. Checks the trimmed value.
         */
        public Collector externalId(String field, String value) {
            if (value == null || !EXTERNAL_ID.matcher(value.trim()).matches()) {
                add(field, "expected 1 to 100 letters, digits or . _ : / -, starting with a letter or digit, got '"
                        + value + "'");
            }
            return this;
        }

        /** Notes an email address that is not one (or is longer than 320 characters); null is fine. */
        public Collector email(String field, String value) {
            if (value != null && (!EMAIL.matcher(value.trim()).matches() || value.trim().length() > 320)) {
                add(field, "expected an email address such as ana@example.com, got '" + value + "'");
            }
            return this;
        }

        /**
         * Where a record came from: the trimmed value, or {@code api} when blank; notes one that is not a
         * lower-case name of up to 40 characters, such as {@code example}.
         */
        public String source(String value, String example) {
            String source = value == null || value.isBlank() ? "api" : value.trim();
            if (!SOURCE.matcher(source).matches()) {
                add("source", "expected a lower-case name such as " + example + ", up to 40 characters, got '" + source
                        + "'");
            }
            return source;
        }

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
