package org.lodestar.web;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.lang.reflect.WildcardType;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.lodestar.errors.InvalidInput.Problem;
import org.lodestar.infrastructure.Labels;
import org.lodestar.infrastructure.StrictValues;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Checks a JSON body against the record it binds to before Jackson binds it, so that every bad
 * field is reported at once and nothing is coerced: a number is not a string, 1.5 is not a whole
 * number, 1 is not {@code true}, dates and times are ISO strings within years 1 to 9999, and text
 * holds no NUL character or lone surrogate. Types it does not know (enums and the like) are bound
 * one field at a time by Jackson itself, so their own parsers decide.
 */
final class BodyShape {

    /** Deeper than any body Lodestar takes; refused rather than walked. */
    private static final int MAX_DEPTH = 32;
    /** Digits a number may carry before and after the point: more than any amount Lodestar stores. */
    private static final int MAX_INTEGER_DIGITS = 15;
    private static final int MAX_FRACTION_DIGITS = 10;

    private final JsonMapper json;
    private final List<Problem> problems = new ArrayList<>();

    private BodyShape(JsonMapper json) {
        this.json = json;
    }

    /** Every problem of {@code body} as a value of {@code type}, each naming its field; empty when it fits. */
    static List<Problem> problems(JsonMapper json, JsonNode body, Type type) {
        BodyShape shape = new BodyShape(json);
        shape.check(body, type, null, 0);
        return shape.problems;
    }

    private void check(JsonNode node, Type type, String field, int depth) {
        if (depth > MAX_DEPTH) {
            add(field, "nested more than " + MAX_DEPTH + " levels deep");
            return;
        }
        Class<?> raw = raw(type);
        if (node.isNull()) {
            if (raw.isPrimitive()) {
                add(field, "is required; expected " + describe(raw) + ", got null");
            }
            return;
        }
        if (raw == String.class) {
            expectText(node, field, "a string");
        } else if (raw == Integer.class || raw == int.class) {
            whole(node, field, Integer.MIN_VALUE, Integer.MAX_VALUE);
        } else if (raw == Long.class || raw == long.class) {
            whole(node, field, Long.MIN_VALUE, Long.MAX_VALUE);
        } else if (raw == BigDecimal.class || raw == Double.class || raw == double.class) {
            decimal(node, field);
        } else if (raw == Boolean.class || raw == boolean.class) {
            if (!node.isBoolean()) {
                add(field, "expected true or false, got " + shown(node));
            }
        } else if (raw == LocalDate.class) {
            if (expectText(node, field, StrictValues.DATE_EXPECTED)) {
                parse(field, () -> StrictValues.date(node.stringValue()));
            }
        } else if (raw == Instant.class || raw == OffsetDateTime.class) {
            if (expectText(node, field, StrictValues.TIMESTAMP_EXPECTED)) {
                parse(field, () -> StrictValues.timestamp(node.stringValue()));
            }
        } else if (raw.isRecord()) {
            record(node, raw, field, depth);
        } else if (Collection.class.isAssignableFrom(raw) || raw.isArray()) {
            if (!node.isArray()) {
                add(field, "expected a list, got " + shown(node));
                return;
            }
            Type element = raw.isArray() ? raw.getComponentType() : argument(type, 0);
            for (int i = 0; i < node.size(); i++) {
                check(node.get(i), element, (field == null ? "" : field) + "[" + i + "]", depth + 1);
            }
        } else if (Map.class.isAssignableFrom(raw)) {
            if (!node.isObject()) {
                add(field, "expected an object, got " + shown(node));
                return;
            }
            Type value = argument(type, 1);
            for (var entry : node.properties()) {
                text(entry.getKey(), join(field, "(name)"));
                check(entry.getValue(), value, join(field, entry.getKey()), depth + 1);
            }
        } else if (raw == Object.class || JsonNode.class.isAssignableFrom(raw)) {
            problems.addAll(StrictValues.textProblems(node, field));
        } else {
            // Enums and other types with their own parsers: bind this one value alone and report its error.
            if (node.isString()) {
                text(node.stringValue(), field);
            } else if (raw.isEnum()) {
                add(field, "expected one of " + Labels.choices(enumType(raw)) + ", got " + shown(node));
                return;
            }
            try {
                json.treeToValue(node, raw);
            } catch (RuntimeException e) {
                add(field, reason(e));
            }
        }
    }

    private void record(JsonNode node, Class<?> type, String field, int depth) {
        if (!node.isObject()) {
            add(field, "expected an object, got " + shown(node));
            return;
        }
        Set<String> known = new LinkedHashSet<>();
        for (RecordComponent component : type.getRecordComponents()) {
            known.add(component.getName());
        }
        for (var entry : node.properties()) {
            if (!known.contains(entry.getKey())) {
                add(join(field, entry.getKey()), "unknown field '" + entry.getKey() + "'; known fields: " + String.join(", ", known.stream()
                        .sorted().toList()));
            }
        }
        for (RecordComponent component : type.getRecordComponents()) {
            JsonNode value = node.get(component.getName());
            String name = join(field, component.getName());
            if (value == null) {
                if (component.getType().isPrimitive()) {
                    add(name, "is required; expected " + describe(component.getType()));
                }
                continue;
            }
            check(value, component.getGenericType(), name, depth + 1);
        }
    }

    private boolean expectText(JsonNode node, String field, String expected) {
        if (!node.isString()) {
            add(field, "expected " + expected + ", got " + shown(node));
            return false;
        }
        return text(node.stringValue(), field);
    }

    private boolean text(String value, String field) {
        String problem = StrictValues.textProblem(value);
        if (problem != null) {
            add(field, problem);
            return false;
        }
        return true;
    }

    private void whole(JsonNode node, String field, long min, long max) {
        if (!node.isIntegralNumber()) {
            add(field, "expected a whole number, got " + shown(node));
        } else if (!node.canConvertToLong() || node.longValue() < min || node.longValue() > max) {
            add(field, "expected a whole number from " + min + " to " + max + ", got " + node);
        }
    }

    private void decimal(JsonNode node, String field) {
        if (!node.isNumber()) {
            add(field, "expected a number, got " + shown(node));
            return;
        }
        if ((node.isDouble() || node.isFloat()) && !Double.isFinite(node.doubleValue())) {
            add(field, "expected a number with at most " + MAX_INTEGER_DIGITS + " digits before the point, got " + node);
            return;
        }
        BigDecimal value = node.decimalValue();
        int integerDigits = Math.max(0, value.precision() - value.scale());
        if (integerDigits > MAX_INTEGER_DIGITS || value.stripTrailingZeros().scale() > MAX_FRACTION_DIGITS) {
            add(field, "expected a number with at most " + MAX_INTEGER_DIGITS + " digits before the point and "
                    + MAX_FRACTION_DIGITS + " after, got " + node);
        }
    }

    private void parse(String field, Runnable parse) {
        try {
            parse.run();
        } catch (IllegalArgumentException e) {
            add(field, e.getMessage());
        }
    }

    private void add(String field, String reason) {
        problems.add(new Problem(field, reason));
    }

    private static String reason(RuntimeException e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return message == null ? "is not valid here" : message.lines().findFirst().orElse(message);
    }

    private static String join(String field, String name) {
        return field == null ? name : field + "." + name;
    }

    /** How a wrong value looks in a message: its kind, and the value itself when short. */
    private static String shown(JsonNode node) {
        String kind = node.isString() ? "a string" : node.isBoolean() ? "a boolean" : node.isIntegralNumber()
                ? "a whole number" : node.isNumber() ? "a decimal number" : node.isArray() ? "a list"
                        : node.isObject() ? "an object" : "null";
        String text = node.toString();
        return node.isContainer() || text.length() > 40 ? kind : kind + " (" + text + ")";
    }

    private static String describe(Class<?> type) {
        return type == boolean.class ? "true or false" : "a whole number";
    }

    private static Class<?> raw(Type type) {
        if (type instanceof Class<?> c) {
            return c;
        }
        if (type instanceof ParameterizedType p) {
            return raw(p.getRawType());
        }
        if (type instanceof WildcardType w && w.getUpperBounds().length == 1) {
            return raw(w.getUpperBounds()[0]);
        }
        return Object.class;
    }

    private static Type argument(Type type, int index) {
        return type instanceof ParameterizedType p && p.getActualTypeArguments().length > index
                ? p.getActualTypeArguments()[index] : Object.class;
    }

    @SuppressWarnings({ "unchecked", "rawtypes" })
    private static Class<Enum> enumType(Class<?> raw) {
        return (Class) raw;
    }
}
