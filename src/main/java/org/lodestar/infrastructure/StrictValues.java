package org.lodestar.infrastructure;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;

import org.lodestar.errors.InvalidInput;

/**
 * The values Lodestar stores from outside, whatever the door (JSON body, tracking call, CSV cell, form):
 * text without NUL characters or lone UTF-16 surrogates (neither survives a round trip through the
 * database), and dates and times within years 1 to 9999, which every supported database holds.
 */
public final class StrictValues {

    public static final LocalDate FIRST_DAY = LocalDate.of(1, 1, 1);
    public static final LocalDate LAST_DAY = LocalDate.of(9999, 12, 31);
    public static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
    public static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999999Z");
    public static final String DATE_EXPECTED = "a date as YYYY-MM-DD between 0001-01-01 and 9999-12-31";
    public static final String TIMESTAMP_EXPECTED = "an ISO-8601 date-time with an offset, such as "
            + "2026-01-31T14:00:00Z, in the years 0001 to 9999";

    private StrictValues() {
    }

    /** What is wrong with this text, or null when nothing is. */
    public static String textProblem(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\u0000') {
                return "contains a NUL character (U+0000) at position " + (i + 1) + "; text may not contain it";
            }
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return "contains a lone UTF-16 surrogate (U+" + Integer.toHexString(c).toUpperCase() + ") at position "
                        + (i + 1) + "; expected valid Unicode text";
            }
        }
        return null;
    }

    /**
     * A JSON body as a tree whose decimals keep every digit sent, so that 1e-400 is not read as 0 nor
     * 1e400 as infinity (which no JSON reader takes back); a {@link JacksonException} when it is not JSON.
     */
    public static JsonNode readTree(JsonMapper json, byte[] body) {
        return reader(json).readTree(body);
    }

    /** The reader of {@link #readTree}, for reading a body a part at a time. */
    public static ObjectReader reader(JsonMapper json) {
        return json.reader().with(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    }

    /**
     * Every text in a JSON tree, field names included, that breaks {@link #textProblem}, each named by
     * its path from {@code where} (null: the root).
     */
    public static List<InvalidInput.Problem> textProblems(JsonNode node, String where) {
        List<InvalidInput.Problem> problems = new ArrayList<>();
        collectTextProblems(node, where, problems);
        return problems;
    }

    private static void collectTextProblems(JsonNode node, String where, List<InvalidInput.Problem> problems) {
        if (node.isString()) {
            String problem = textProblem(node.stringValue());
            if (problem != null) {
                problems.add(new InvalidInput.Problem(where, problem));
            }
        } else if (node.isObject()) {
            for (var entry : node.properties()) {
                String path = where == null ? entry.getKey() : where + "." + entry.getKey();
                String problem = textProblem(entry.getKey());
                if (problem != null) {
                    problems.add(new InvalidInput.Problem(path, "the field name " + problem));
                }
                collectTextProblems(entry.getValue(), path, problems);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                collectTextProblems(node.get(i), (where == null ? "" : where) + "[" + i + "]", problems);
            }
        }
    }

    /** A date as YYYY-MM-DD in years 1 to 9999; an {@link IllegalArgumentException} saying what was expected. */
    public static LocalDate date(String text) {
        LocalDate date;
        try {
            date = LocalDate.parse(text.trim());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("expected " + DATE_EXPECTED + ", got '" + text + "'");
        }
        if (date.isBefore(FIRST_DAY) || date.isAfter(LAST_DAY)) {
            throw new IllegalArgumentException("expected " + DATE_EXPECTED + ", got '" + text + "'");
        }
        return date;
    }

    /** An ISO-8601 date-time with an offset in years 1 to 9999; an {@link IllegalArgumentException} otherwise. */
    public static Instant timestamp(String text) {
        Instant instant;
        try {
            instant = OffsetDateTime.parse(text.trim()).toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("expected " + TIMESTAMP_EXPECTED + ", got '" + text + "'");
        }
        if (!storable(instant)) {
            throw new IllegalArgumentException("expected " + TIMESTAMP_EXPECTED + ", got '" + text + "'");
        }
        return instant;
    }

    /** Whether every supported database can store this instant. */
    public static boolean storable(Instant instant) {
        return !instant.isBefore(EARLIEST) && !instant.isAfter(LATEST);
    }
}
