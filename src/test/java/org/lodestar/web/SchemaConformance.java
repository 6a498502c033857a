package org.lodestar.web;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.JsonNode;

/**
 * Whether a JSON value is one its schema in the OpenAPI document allows, for the document's examples and the API's real
 * answers: every property it has is one the schema names (an object schema with properties is closed), every
 * required one is there, each value has the type, format and enum its schema says, all the way down. A null stands for
 * a value left out (the API writes absent optional values as null) and is allowed where the property is not required.
 */
final class SchemaConformance {

    private final JsonNode schemas;

    SchemaConformance(JsonNode api) {
        this.schemas = api.path("components").path("schemas");
    }

    /** Each place where {@code value} departs from {@code schema}, as "where: what"; empty when it conforms. */
    List<String> problems(JsonNode value, JsonNode schema, String where) {
        List<String> problems = new ArrayList<>();
        check(value, schema, where, problems);
        return problems;
    }

    private void check(JsonNode value, JsonNode schema, String where, List<String> problems) {
        String ref = schema.path("$ref").asString("");
        if (!ref.isEmpty()) {
            JsonNode named = schemas.path(ref.substring(ref.lastIndexOf('/') + 1));
            if (named.isMissingNode()) {
                problems.add(where + ": the schema " + ref + " is not in the document");
            } else {
                check(value, named, where, problems);
            }
            return;
        }
        for (JsonNode part : schema.path("allOf")) {
            check(value, part, where, problems);
        }
        for (String choice : List.of("oneOf", "anyOf")) {
            JsonNode choices = schema.path(choice);
            if (!choices.isEmpty() && choices.valueStream().noneMatch(c -> problems(value, c, where).isEmpty())) {
                problems.add(where + ": matches none of the " + choices.size() + " schemas of its " + choice);
            }
        }
        if (value.isNull()) {
            return;
        }
        String type = type(schema);
        switch (type) {
            case "object" -> object(value, schema, where, problems);
            case "array" -> {
                if (!value.isArray()) {
                    problems.add(where + ": expected an array, got " + value);
                    return;
                }
                for (int i = 0; i < value.size(); i++) {
                    check(value.get(i), schema.path("items"), where + "[" + i + "]", problems);
                }
            }
            case "string" -> string(value, schema, where, problems);
            case "integer" -> {
                if (!value.isIntegralNumber()) {
                    problems.add(where + ": expected an integer, got " + value);
                }
            }
            case "number" -> {
                if (!value.isNumber()) {
                    problems.add(where + ": expected a number, got " + value);
                }
            }
            case "boolean" -> {
                if (!value.isBoolean()) {
                    problems.add(where + ": expected true or false, got " + value);
                }
            }
            default -> {
                // No type: any value (an untyped object of the API, such as a map of its own keys).
            }
        }
        JsonNode allowed = schema.path("enum");
        if (!allowed.isEmpty() && allowed.valueStream().noneMatch(a -> a.equals(value))) {
            problems.add(where + ": " + value + " is not one of " + allowed);
        }
    }

    /** The schema's type; a schema with properties but no type is an object. */
    private static String type(JsonNode schema) {
        JsonNode type = schema.path("type");
        if (type.isArray()) {
            return type.valueStream().map(t -> t.asString()).filter(t -> !t.equals("null")).findFirst().orElse("");
        }
        if (type.isString()) {
            return type.asString();
        }
        return schema.has("properties") ? "object" : "";
    }

    private void object(JsonNode value, JsonNode schema, String where, List<String> problems) {
        if (!value.isObject()) {
            problems.add(where + ": expected an object, got " + value);
            return;
        }
        JsonNode properties = schema.path("properties");
        JsonNode additional = schema.path("additionalProperties");
        for (var property : value.properties()) {
            String at = where + "." + property.getKey();
            if (properties.has(property.getKey())) {
                check(property.getValue(), properties.path(property.getKey()), at, problems);
            } else if (additional.isObject()) {
                check(property.getValue(), additional, at, problems);
            } else if (properties.isEmpty() && !additional.isBoolean() || additional.asBoolean(false)) {
                // A free-form object: its keys are its own.
            } else {
                problems.add(at + ": not a property of the schema (it has " + names(properties) + ")");
            }
        }
        for (JsonNode required : schema.path("required")) {
            JsonNode present = value.path(required.asString());
            if (present.isMissingNode() || present.isNull()) {
                problems.add(where + "." + required.asString() + ": required, and missing");
            }
        }
    }

    private static void string(JsonNode value, JsonNode schema, String where, List<String> problems) {
        if (!value.isString()) {
            problems.add(where + ": expected a string, got " + value);
            return;
        }
        String format = schema.path("format").asString("");
        try {
            switch (format) {
                case "date" -> LocalDate.parse(value.asString());
                case "date-time" -> OffsetDateTime.parse(value.asString());
                default -> {
                    // Other formats (uri, int64 as text, binary) are not checked.
                }
            }
        } catch (DateTimeParseException e) {
            problems.add(where + ": '" + value.asString() + "' is not a " + format);
        }
    }

    private static List<String> names(JsonNode properties) {
        List<String> names = new ArrayList<>();
        properties.properties().forEach(p -> names.add(p.getKey()));
        return names;
    }
}
