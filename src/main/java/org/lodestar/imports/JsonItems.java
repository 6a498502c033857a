package org.lodestar.imports;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The records of a JSON export, each with the line it starts on and its JSON pointer, so a problem
 * is reported as "line 12, column /tickets/3/priority". Accepts a list under one of the
 * {@code listFields} ({"tickets": [...]}), one record under one of the {@code singleFields}
 * ({"ticket": {...}}), a bare array of records, or (when {@code rootIsRecord}) the record itself.
 * Other top-level fields (such as Zendesk's sideloaded "organizations") are kept as {@code extras}.
 */
final class JsonItems {

    /** Reads one value at a time from a stream of tokens; what follows it is checked here, not by the mapper. */
    private static final JsonMapper JSON = JsonMapper.builder()
            .disable(tools.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();

    /** One record: where it starts and its pointer ("/tickets/3"), and the record itself. */
    record Item(long line, String pointer, JsonNode node) {

        /** The pointer of one of the record's fields, for problems. */
        String at(String field) {
            return pointer + "/" + field.replace(".", "/");
        }

        CsvTable.CellProblem problem(String field, String reason) {
            return new CsvTable.CellProblem(new RowProblem(line, at(field), reason));
        }

        /** A text field; null when absent or JSON null. */
        String text(String field) {
            JsonNode value = node.get(field);
            if (value == null || value.isNull()) {
                return null;
            }
            if (!value.isString() && !value.isNumber()) {
                throw problem(field, "expected a string, got " + value.getNodeType().name().toLowerCase());
            }
            return value.asString();
        }

        /** A whole-number field; null when absent or JSON null. */
        Long whole(String field) {
            JsonNode value = node.get(field);
            if (value == null || value.isNull()) {
                return null;
            }
            if (!value.isIntegralNumber() || !value.canConvertToLong()) {
                throw problem(field, "expected a whole number, got " + value);
            }
            return value.asLong();
        }

        /** A timestamp such as 2019-06-03T02:23:47Z; null when absent or JSON null. */
        Instant instant(String field) {
            String value = text(field);
            if (value == null) {
                return null;
            }
            try {
                return Instant.parse(value);
            } catch (DateTimeParseException e) {
                throw problem(field, "expected a timestamp such as 2019-06-03T02:23:47Z, got '" + value + "'");
            }
        }

        /** Unix seconds, as Stripe writes times; null when absent or JSON null. */
        Instant epochSeconds(String field) {
            JsonNode value = field.contains(".") ? node.at("/" + field.replace(".", "/")) : node.get(field);
            if (value == null || value.isNull() || value.isMissingNode()) {
                return null;
            }
            if (!value.isIntegralNumber()) {
                throw problem(field, "expected Unix seconds such as 1721954054, got " + value);
            }
            return Instant.ofEpochSecond(value.asLong());
        }

        /** A number in the smallest currency unit, as Stripe writes amounts; null when absent. */
        BigDecimal minorUnits(String field) {
            JsonNode value = node.get(field);
            if (value == null || value.isNull()) {
                return null;
            }
            if (!value.isIntegralNumber()) {
                throw problem(field, "expected a whole number of the currency's smallest unit (cents), got " + value);
            }
            return value.decimalValue();
        }
    }

    /** The whole file could not be read as this kind of export. */
    static final class FileProblem extends Exception {
        final RowProblem problem;

        FileProblem(RowProblem problem) {
            super(problem.toString());
            this.problem = problem;
        }
    }

    final List<Item> items;
    final Map<String, JsonNode> extras;

    private JsonItems(List<Item> items, Map<String, JsonNode> extras) {
        this.items = items;
        this.extras = extras;
    }

    static JsonItems read(byte[] content, Set<String> listFields, Set<String> singleFields, boolean rootIsRecord,
            String expected) throws FileProblem {
        List<Item> items = new ArrayList<>();
        Map<String, JsonNode> extras = new LinkedHashMap<>();
        boolean found = false;
        try (JsonParser parser = JSON.createParser(content)) {
            JsonToken first = parser.nextToken();
            if (first == JsonToken.START_ARRAY) {
                readArray(parser, "", items);
                found = true;
            } else if (first == JsonToken.START_OBJECT) {
                long rootLine = parser.currentTokenLocation().getLineNr();
                Map<String, JsonNode> root = new LinkedHashMap<>();
                while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
                    String name = parser.currentName();
                    JsonToken value = parser.nextToken();
                    if (listFields.contains(name) && value == JsonToken.START_ARRAY) {
                        readArray(parser, "/" + name, items);
                        found = true;
                    } else if (singleFields.contains(name) && value == JsonToken.START_OBJECT) {
                        items.add(new Item(parser.currentTokenLocation().getLineNr(), "/" + name, JSON.readTree(parser)));
                        found = true;
                    } else {
                        root.put(name, JSON.readTree(parser));
                    }
                }
                if (!found && rootIsRecord && !root.isEmpty()) {
                    items.add(new Item(rootLine, "", JSON.valueToTree(root)));
                    found = true;
                } else {
                    extras.putAll(root);
                }
            } else {
                throw new FileProblem(new RowProblem(1, null, "expected " + expected));
            }
            if (parser.nextToken() != null) {
                throw new FileProblem(new RowProblem(parser.currentTokenLocation().getLineNr(), null,
                        "unexpected content after the JSON document"));
            }
        } catch (StreamReadException e) {
            long line = e.getLocation() == null ? 1 : e.getLocation().getLineNr();
            throw new FileProblem(new RowProblem(line, null, "not valid JSON: " + e.getOriginalMessage()));
        } catch (JacksonException e) {
            throw new FileProblem(new RowProblem(1, null, "not valid JSON: " + e.getOriginalMessage()));
        }
        if (!found) {
            throw new FileProblem(new RowProblem(1, null, "expected " + expected));
        }
        return new JsonItems(List.copyOf(items), extras);
    }

    private static void readArray(JsonParser parser, String pointer, List<Item> items) {
        int index = 0;
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            long line = parser.currentTokenLocation().getLineNr();
            items.add(new Item(line, pointer + "/" + index, JSON.readTree(parser)));
            index++;
        }
    }
}
