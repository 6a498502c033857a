package org.lodestar.web;

import static org.assertj.core.api.Assertions.assertThat;

import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;
import static org.quicktheories.generators.SourceDSL.strings;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lodestar.Book;
import org.lodestar.LodestarTest;
import org.lodestar.audit.Actor;
import org.lodestar.audit.Actors;
import org.lodestar.imports.ImportKind;
import org.lodestar.usage.Tracker;
import org.lodestar.usage.WriteKeys;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import org.quicktheories.api.Pair;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;
import tools.jackson.core.StreamWriteConstraints;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Bad input from outside, generated: for every operation of Lodestar's own OpenAPI document, every
 * import kind and the tracking API, one bad value at a time (wrong JSON types, boundaries, huge
 * numbers, NUL characters, lone surrogates, impossible dates, deep nesting, gzip tricks). No answer
 * may be a 5xx, and a 400 must name what was wrong: a value of the wrong type must be refused
 * naming its field. Values come from QuickTheories' generators with a fixed seed, printed on failure;
 * {@code -Dlodestar.fuzz.seed=N} replays a run and {@code -Dlodestar.fuzz.tries=N} widens it.
 */
@LodestarTest
class InputFuzzTest {

    /** Writes the deeply nested bodies the server must refuse (Jackson's own writer stops at 500 levels). */
    private static final JsonMapper JSON = JsonMapper.builder(JsonFactory.builder()
            .streamWriteConstraints(StreamWriteConstraints.builder().maxNestingDepth(10_000).build()).build()).build();
    private static final long SEED = Long.getLong("lodestar.fuzz.seed", 20261206L);
    private static final int TRIES = Integer.getInteger("lodestar.fuzz.tries", 4);
    private static final String MISSING_ID = "987654321";

    /** A bad value for a field, and whether it is bad for the field's type whatever the field means. */
    record Mutation(JsonNode value, boolean wrongForType) {
    }

    @LocalServerPort
    int port;
    @Autowired
    Book book;
    @Autowired
    WriteKeys writeKeys;

    private final HttpClient http = HttpClient.newHttpClient();
    private final List<String> failures = new ArrayList<>();
    private final Map<String, String> fixtures = new LinkedHashMap<>();
    private int sent;

    @BeforeEach
    void setUp() {
        book.empty();
    }

    @AfterEach
    void tearDown() {
        book.empty();
    }

    @Test
    void everyOperationOfTheApiRefusesBadInputByName() {
        createFixtures();
        JsonNode api = JSON.readTree(send("GET", "/v3/api-docs", null, null, LodestarTest.ADMIN_TOKEN).body());
        JsonNode schemas = api.path("components").path("schemas");
        int operations = 0;
        for (var path : api.path("paths").properties()) {
            for (var operation : path.getValue().properties()) {
                String method = operation.getKey().toUpperCase();
                if (path.getKey().startsWith("/api/import/")) {
                    continue; // files, fuzzed by importsRefuseBadCells
                }
                if (path.getKey().startsWith("/v1/")) {
                    continue; // the tracking API, with its write keys: fuzzed by theTrackingApiRefusesBadCallsByName
                }
                operations++;
                fuzzParameters(method, path.getKey(), operation.getValue());
                JsonNode body = operation.getValue().path("requestBody").path("content").path("application/json")
                        .path("schema");
                if (!body.isMissingNode()) {
                    fuzzBody(method, fill(method, path.getKey(), operation.getValue(), null), resolve(body, schemas), schemas);
                }
            }
        }
        assertThat(operations).as("operations in the OpenAPI document").isGreaterThan(40);
        report();
    }

    @Test
    void theTrackingApiRefusesBadCallsByName() {
        String key = Actors.runAs(Actor.system(), () -> writeKeys.create("fuzz").secret());
        Map<String, Kind> fields = new LinkedHashMap<>();
        fields.put("userId", Kind.ID);
        fields.put("anonymousId", Kind.ID);
        fields.put("messageId", Kind.ID);
        fields.put("event", Kind.STRING);
        fields.put("timestamp", Kind.DATE_TIME);
        fields.put("originalTimestamp", Kind.DATE_TIME);
        fields.put("sentAt", Kind.DATE_TIME);
        fields.put("properties", Kind.OBJECT);
        fields.put("context", Kind.OBJECT);
        fields.put("traits", Kind.OBJECT);
        for (var field : fields.entrySet()) {
            forAll("tracking " + field.getKey(), TRIES * 2, mutations(field.getValue()), mutation -> {
                ObjectNode call = trackCall();
                call.set(field.getKey(), mutation.value());
                checkTracking("/v1/track", call, field.getKey(), mutation, key);
                ObjectNode batch = JSON.createObjectNode();
                batch.putArray("batch").add(call.deepCopy().put("type", "track"));
                checkTracking("/v1/batch", batch, "batch[0]." + field.getKey(), mutation, key);
            });
        }
        forAll("tracking property names", TRIES * 2, strings().basicLatinAlphabet().ofLengthBetween(0, 6), name -> {
            ObjectNode call = trackCall();
            call.putObject("properties").put(name + "\u0000", "nul in a name");
            checkTracking("/v1/track", call, "properties", new Mutation(call, true), key);
        });
        ObjectNode deep = trackCall();
        deep.set("properties", nested(2_000));
        checkTracking("/v1/track", deep, null, new Mutation(deep, false), key);

        byte[] event = JSON.writeValueAsBytes(trackCall());
        List<byte[]> gzipTricks = List.of(
                Tracker.gzip(new byte[5_000_000]), // a bomb: 5 MB of zeros in 5 KB
                Arrays.copyOf(Tracker.gzip(event), Tracker.gzip(event).length / 2), // cut short
                event, // plain JSON that says it is gzip
                Tracker.gzip(Tracker.gzip(event)), // gzip twice
                new byte[0]);
        for (byte[] body : gzipTricks) {
            HttpResponse<String> answer = sendTracking("/v1/track", body, "gzip", key);
            check(answer, "POST /v1/track gzip trick of " + body.length + " bytes", null, false);
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(400);
        }
        HttpResponse<String> brotli = sendTracking("/v1/track", event, "br", key);
        check(brotli, "POST /v1/track Content-Encoding br", null, false);
        String stored = JSON.writeValueAsString(trackCall().put("writeKey", key));
        assertThat(sendTracking("/v1/track", stored.getBytes(StandardCharsets.UTF_8), null, null).statusCode())
                .isEqualTo(200);
        report();
    }

    @Test
    void importsRefuseBadCells() {
        List<byte[]> badCells = List.of(
                "a\u0000b".getBytes(StandardCharsets.UTF_8),
                new byte[] { 'x', (byte) 0xC3, '(' }, // broken UTF-8
                new byte[] { (byte) 0xED, (byte) 0xA0, (byte) 0x80 }, // an encoded lone surrogate
                bytes("1200.005"), bytes("10000-01-01"), bytes("0000-01-01"), bytes("-1"), bytes("1e400"),
                bytes("99999999999999999999999"), bytes("\"unclosed"), bytes("2024-02-30"), bytes("1.5"),
                bytes("+999999999-12-31T23:59:59Z"), bytes("x".repeat(5_000)));
        for (ImportKind kind : ImportKind.values()) {
            if (kind.json()) {
                fuzzJsonImport(kind);
                continue;
            }
            List<String> columns = new ArrayList<>(kind.required());
            columns.addAll(kind.optional());
            for (int index = 0; index < columns.size(); index++) {
                int column = index;
                forAll("import " + kind.label() + " " + columns.get(column), TRIES, Generate.pick(badCells), bad -> {
                    ByteArrayOutputStream file = new ByteArrayOutputStream();
                    file.writeBytes(bytes(String.join(",", columns) + "\n"));
                    for (int c = 0; c < columns.size(); c++) {
                        file.writeBytes(c > 0 ? bytes(",") : new byte[0]);
                        file.writeBytes(c == column ? bad : bytes(cell(columns.get(c))));
                    }
                    file.writeBytes(bytes("\n"));
                    String what = "import " + kind.label() + " with a bad " + columns.get(column) + " ("
                            + new String(bad, StandardCharsets.UTF_8).replace("\u0000", "\\0") + ")";
                    HttpResponse<String> answer = send("POST", "/api/import/" + kind.label(), "text/csv",
                            file.toByteArray(), LodestarTest.ADMIN_TOKEN);
                    check(answer, what, null, false);
                    if (answer.statusCode() == 400 && !answer.body().contains("\"line\":")) {
                        failures.add(what + ": a 400 that names no line: " + answer.body());
                    }
                });
            }
        }
        report();
    }

    // --- The API, from its OpenAPI document ---

    private void fuzzParameters(String method, String path, JsonNode operation) {
        Map<String, String> required = new LinkedHashMap<>();
        for (JsonNode parameter : operation.path("parameters")) {
            if ("query".equals(parameter.path("in").asString()) && parameter.path("required").asBoolean()) {
                JsonNode example = example(parameter.path("schema"), JSON.createObjectNode(), 0);
                required.put(parameter.path("name").asString(), example.isString() ? example.stringValue()
                        : example.toString());
            }
        }
        boolean hasBody = !operation.path("requestBody").isMissingNode();
        int baseline = send(method, url(method, path, operation, required, null, null), hasBody ? "application/json" : null,
                hasBody ? bytes("{}") : null, LodestarTest.ADMIN_TOKEN).statusCode();
        for (JsonNode parameter : operation.path("parameters")) {
            String name = parameter.path("name").asString();
            boolean inPath = "path".equals(parameter.path("in").asString());
            forAll(method + " " + path + " " + name, TRIES, mutations(kindOf(parameter.path("schema"),
                    JSON.createObjectNode())), mutation -> {
                String value = mutation.value().isString() ? mutation.value().stringValue()
                        : JSON.writeValueAsString(mutation.value());
                String url = url(method, path, operation, required, name, value);
                String what = method + " " + url;
                HttpResponse<String> answer = send(method, url, hasBody ? "application/json" : null,
                        hasBody ? bytes("{}") : null, LodestarTest.ADMIN_TOKEN);
                check(answer, what, null, false);
                // A value of the wrong kind must be named; one of the right kind may break a rule between
                // parameters (a period too long), which may name the other one.
                boolean wrongKind = mutation.wrongForType() && (value.contains("\u0000") || !Set.of(Kind.STRING,
                        Kind.ID, Kind.ANY).contains(kindOf(parameter.path("schema"), JSON.createObjectNode())));
                boolean beforeLodestar = inPath && refusedBeforeLodestar(value);
                if (answer.statusCode() == 400 && baseline != 400 && wrongKind && !beforeLodestar
                        && !answer.body().contains(name)) {
                    failures.add(what + ": a 400 that does not name '" + name + "': " + abbreviate(answer.body()));
                }
                // Past 8 KB the web server refuses the request line itself, before Lodestar sees it.
                if (answer.statusCode() == 400 && url.length() < 8_000 && !beforeLodestar
                        && !answer.body().contains("\"field\"")) {
                    failures.add(what + ": a 400 that names no field: " + abbreviate(answer.body()));
                }
            });
        }
    }

    /**
     * Whether the web server or Spring Security's firewall refuses a path segment with this value before Lodestar sees
     * it (an encoded slash, backslash, percent sign, semicolon or NUL, or a dot segment): their 400 names no field.
     */
    static boolean refusedBeforeLodestar(String value) {
        return value.chars().anyMatch(c -> c == '/' || c == '\\' || c == '%' || c == ';' || c == 0)
                || value.equals(".") || value.equals("..");
    }

    /** The operation's URL: required query parameters with fitting values, and one parameter set to {@code value}. */
    private String url(String method, String path, JsonNode operation, Map<String, String> required, String name,
            String value) {
        boolean inPath = path.contains("{" + name + "}");
        StringBuilder url = new StringBuilder(fill(method, path, operation, inPath ? Map.of(name, value) : Map.of()));
        Map<String, String> query = new LinkedHashMap<>(required);
        if (name != null && !inPath) {
            query.put(name, value);
        }
        String separator = "?";
        for (var parameter : query.entrySet()) {
            url.append(separator).append(parameter.getKey()).append('=')
                    .append(URLEncoder.encode(parameter.getValue(), StandardCharsets.UTF_8));
            separator = "&";
        }
        return url.toString();
    }

    private void fuzzBody(String method, String url, JsonNode schema, JsonNode schemas) {
        JsonNode base = example(schema, schemas, 0);
        for (String field : fields(schema, schemas, null, 0)) {
            Kind kind = kindAt(schema, schemas, field);
            forAll(method + " " + url + " " + field, TRIES, mutations(kind), mutation -> {
                JsonNode body = base.deepCopy();
                set(body, field, mutation.value());
                HttpResponse<String> answer = send(method, url, "application/json", JSON.writeValueAsBytes(body),
                        LodestarTest.ADMIN_TOKEN);
                check(answer, method + " " + url + " " + abbreviate(JSON.writeValueAsString(body)), field, mutation.wrongForType());
            });
        }
    }

    /**
     * One of each record the API changes, so that bad values reach the code (and the database) behind
     * an id rather than stopping at a 404. People, tokens and keys are never touched, nor is anything deleted.
     */
    private void createFixtures() {
        String account = created("/api/accounts", "{\"externalId\":\"FUZZ-ACC\",\"name\":\"Fuzz Account\"}");
        fixtures.put("account", account);
        fixtures.put("subscription", created("/api/accounts/" + account + "/subscriptions", "{\"externalId\":\"FUZZ-SUB\","
                + "\"startDate\":\"2026-01-01\",\"endDate\":\"2026-12-31\",\"lineItems\":[{\"plan\":\"pro\",\"seats\":10,"
                + "\"arr\":1200}]}"));
        fixtures.put("ticket", created("/api/accounts/" + account + "/tickets", "{\"externalId\":\"FUZZ-T\",\"subject\":\"s\","
                + "\"status\":\"open\",\"priority\":\"low\",\"createdAt\":\"2026-01-01T00:00:00Z\"}"));
        fixtures.put("survey", created("/api/accounts/" + account + "/surveys", "{\"externalId\":\"FUZZ-S\",\"kind\":\"nps\","
                + "\"score\":9,\"respondedAt\":\"2026-01-01T00:00:00Z\"}"));
        fixtures.put("invoice", created("/api/accounts/" + account + "/invoices", "{\"externalId\":\"FUZZ-I\",\"currency\":"
                + "\"usd\",\"amountDue\":100,\"issuedOn\":\"2026-01-01\"}"));
        fixtures.put("stakeholder", created("/api/accounts/" + account + "/stakeholders", "{\"email\":\"s@fuzz.test\","
                + "\"name\":\"S\",\"role\":\"champion\"}"));
        fixtures.put("task", created("/api/tasks", "{\"accountId\":" + account + ",\"title\":\"Fuzz task\"}"));
    }

    private String created(String path, String json) {
        HttpResponse<String> answer = send("POST", path, "application/json", bytes(json), LodestarTest.ADMIN_TOKEN);
        assertThat(answer.statusCode()).as(path + ": " + answer.body()).isIn(200, 201);
        return JSON.readTree(answer.body()).get("id").asString();
    }

    /** The id a path variable gets: a fixture's when the path is about one (never to delete it), a missing one otherwise. */
    private String idFor(String path, String name, String method) {
        String record = "DELETE".equals(method) ? null
                : "accountId".equals(name) || path.startsWith("/api/accounts/{id}") && "id".equals(name) ? "account"
                : "subscriptionId".equals(name) || path.startsWith("/api/subscriptions/") ? "subscription"
                : "stakeholderId".equals(name) ? "stakeholder"
                : path.startsWith("/api/tickets/") ? "ticket"
                : path.startsWith("/api/surveys/") ? "survey"
                : path.startsWith("/api/invoices/") ? "invoice"
                : path.startsWith("/api/tasks/") ? "task" : null;
        return record == null ? MISSING_ID : fixtures.getOrDefault(record, MISSING_ID);
    }

    /** The path with every variable filled: the given values, a fixture's or a missing id otherwise. */
    private String fill(String method, String path, JsonNode operation, Map<String, String> values) {
        String url = path;
        for (JsonNode parameter : operation.path("parameters")) {
            String name = parameter.path("name").asString();
            if ("path".equals(parameter.path("in").asString())) {
                String value = values != null && values.containsKey(name) ? values.get(name)
                        : "kind".equals(name) ? "accounts" : idFor(path, name, method);
                url = url.replace("{" + name + "}", URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20"));
            }
        }
        return url;
    }

    enum Kind { STRING, ID, INTEGER, NUMBER, BOOLEAN, DATE, DATE_TIME, ENUM, ARRAY, OBJECT, ANY }

    private static Kind kindOf(JsonNode schema, JsonNode schemas) {
        if (schema.has("$ref")) {
            return Kind.OBJECT;
        }
        if (schema.has("enum")) {
            return Kind.ENUM;
        }
        String format = schema.path("format").asString("");
        return switch (type(schema)) {
            case "string" -> format.equals("date") ? Kind.DATE : format.equals("date-time") ? Kind.DATE_TIME : Kind.STRING;
            case "integer" -> Kind.INTEGER;
            case "number" -> Kind.NUMBER;
            case "boolean" -> Kind.BOOLEAN;
            case "array" -> Kind.ARRAY;
            case "object" -> Kind.OBJECT;
            default -> Kind.ANY;
        };
    }

    private static String type(JsonNode schema) {
        JsonNode type = schema.path("type");
        if (type.isArray()) {
            for (JsonNode t : type) {
                if (!"null".equals(t.asString())) {
                    return t.asString();
                }
            }
        }
        if (type.isMissingNode() && schema.has("types")) {
            return type(JSON.createObjectNode().set("type", schema.get("types")));
        }
        return type.asString("");
    }

    private static JsonNode resolve(JsonNode schema, JsonNode schemas) {
        JsonNode current = schema;
        for (int i = 0; i < 10 && current.has("$ref"); i++) {
            String ref = current.get("$ref").asString();
            current = schemas.path(ref.substring(ref.lastIndexOf('/') + 1));
        }
        return current;
    }

    /** A body that fits the schema, as far as types go. */
    private static JsonNode example(JsonNode schema, JsonNode schemas, int depth) {
        JsonNode resolved = resolve(schema, schemas);
        if (resolved.has("enum")) {
            return resolved.get("enum").get(0);
        }
        return switch (kindOf(resolved, schemas)) {
            case STRING, ID, ANY -> JSON.getNodeFactory().stringNode("Fuzz-1");
            case INTEGER -> JSON.getNodeFactory().numberNode(1);
            case NUMBER -> JSON.getNodeFactory().numberNode(100);
            case BOOLEAN -> JSON.getNodeFactory().booleanNode(true);
            case DATE -> JSON.getNodeFactory().stringNode("2026-01-01");
            case DATE_TIME -> JSON.getNodeFactory().stringNode("2026-01-01T00:00:00Z");
            case ENUM -> resolved.get("enum").get(0);
            case ARRAY -> {
                ArrayNode array = JSON.createArrayNode();
                // Each level of fields() is an object and, for a list, the array around it: twice its depth here.
                if (depth < 6) {
                    array.add(example(resolved.path("items"), schemas, depth + 1));
                }
                yield array;
            }
            case OBJECT -> {
                ObjectNode object = JSON.createObjectNode();
                if (depth < 6) {
                    for (var property : resolved.path("properties").properties()) {
                        JsonNode value = example(property.getValue(), schemas, depth + 1);
                        String name = property.getKey().toLowerCase();
                        if (value.isString() && !resolve(property.getValue(), schemas).has("enum")) {
                            value = text(name.contains("email") ? "fuzz@lodestar.test" : name.equals("currency") ? "usd"
                                    : name.equals("source") ? "api" : value.stringValue());
                        }
                        object.set(property.getKey(), value);
                    }
                }
                yield object;
            }
        };
    }

    /** The paths of every field of the schema, nested ones too ({@code lineItems[0].arr}). */
    private static List<String> fields(JsonNode schema, JsonNode schemas, String prefix, int depth) {
        List<String> fields = new ArrayList<>();
        JsonNode resolved = resolve(schema, schemas);
        for (var property : resolved.path("properties").properties()) {
            String field = prefix == null ? property.getKey() : prefix + "." + property.getKey();
            fields.add(field);
            JsonNode value = resolve(property.getValue(), schemas);
            if (depth < 2 && value.has("properties")) {
                fields.addAll(fields(value, schemas, field, depth + 1));
            } else if (depth < 2 && "array".equals(type(value)) && resolve(value.path("items"), schemas).has("properties")) {
                fields.addAll(fields(value.path("items"), schemas, field + "[0]", depth + 1));
            }
        }
        return fields;
    }

    private static Kind kindAt(JsonNode schema, JsonNode schemas, String field) {
        JsonNode current = resolve(schema, schemas);
        for (String part : field.split("\\.")) {
            boolean element = part.endsWith("[0]");
            current = resolve(current.path("properties").path(element ? part.substring(0, part.length() - 3) : part),
                    schemas);
            if (element) {
                current = resolve(current.path("items"), schemas);
            }
        }
        return kindOf(current, schemas);
    }

    private static void set(JsonNode body, String field, JsonNode value) {
        JsonNode current = body;
        String[] parts = field.split("\\.");
        for (int i = 0; i < parts.length - 1; i++) {
            String part = parts[i];
            current = part.endsWith("[0]") ? current.get(part.substring(0, part.length() - 3)).get(0) : current.get(part);
        }
        ((ObjectNode) current).set(parts[parts.length - 1], value);
    }

    // --- Generated bad values ---

    /** Bad values for a kind of field: three in four wrong for the type, the rest boundaries. */
    private static Gen<Mutation> mutations(Kind kind) {
        Gen<Mutation> wrong = wrongForType(kind).map(v -> new Mutation(v, true));
        Gen<Mutation> edge = edges(kind).map(v -> new Mutation(v, false));
        return Generate.frequency(Pair.of(3, wrong), Pair.of(1, edge));
    }

    /** Tries {@code tries} generated values, seeded by the run's seed and the name of what is tried. */
    private static <T> void forAll(String name, int tries, Gen<T> values, Consumer<T> attempt) {
        qt().withFixedSeed(SEED ^ name.hashCode()).withExamples(tries).forAll(values).checkAssert(attempt);
    }

    private static Gen<JsonNode> wrongForType(Kind kind) {
        Gen<String> letters = strings().basicLatinAlphabet().ofLengthBetween(0, 8);
        Gen<JsonNode> withNul = letters.zip(letters, (a, b) -> text(a + "\u0000" + b));
        Gen<JsonNode> loneSurrogate = letters.zip(Generate.characters(0xD800, 0xDFFF), (a, c) -> text(a + c));
        Gen<JsonNode> number = integers().all().map(i -> JSON.getNodeFactory().numberNode(i));
        Gen<JsonNode> decimal = integers().between(-1_000_000_000, 1_000_000_000).assuming(i -> i % 1000 != 0)
                .map(i -> JSON.getNodeFactory().numberNode(BigDecimal.valueOf(i, 3)));
        Gen<JsonNode> bool = Generate.booleans().map(b -> JSON.getNodeFactory().booleanNode(b));
        Gen<JsonNode> containers = Generate.pick(List.<JsonNode>of(JSON.createObjectNode(), JSON.createArrayNode().add(1)));
        Gen<JsonNode> numericText = integers().all().map(i -> text(Integer.toString(i)));
        return switch (kind) {
            case STRING, ENUM -> Generate.oneOf(number, decimal, bool, containers, withNul, loneSurrogate);
            case ID -> Generate.oneOf(decimal, bool, containers, withNul, loneSurrogate);
            case INTEGER -> Generate.oneOf(numericText, decimal, bool, containers,
                    Generate.pick(List.of("99999999999999999999999", "1e400")).map(t -> JSON.readTree(t)));
            case NUMBER -> Generate.oneOf(numericText, bool, containers, withNul);
            case BOOLEAN -> Generate.oneOf(Generate.pick(List.of(0, 1)).map(i -> JSON.getNodeFactory().numberNode(i)),
                    Generate.pick(List.of("true", "yes", "1")).map(InputFuzzTest::text), containers);
            case DATE -> Generate.oneOf(integers().between(19000101, 20991231)
                    .map(i -> JSON.getNodeFactory().numberNode(i)), withNul, loneSurrogate,
                    Generate.pick(List.of("0000-01-01", "10000-01-01", "-0001-01-01", "2024-02-30", "2024-1-1",
                            "+999999999-12-31", "2026-01-01T00:00:00Z")).map(InputFuzzTest::text));
            case DATE_TIME -> Generate.oneOf(longs().between(0, 4_000_000_000L)
                    .map(l -> JSON.getNodeFactory().numberNode(l)), withNul, loneSurrogate,
                    Generate.pick(List.of("+10000-01-01T00:00:00Z", "0000-01-01T00:00:00Z", "-0001-01-01T00:00:00Z",
                            "2026-01-01", "+999999999-12-31T23:59:59Z", "-999999999-01-01T00:00:00Z",
                            "2026-02-30T00:00:00Z")).map(InputFuzzTest::text));
            case ARRAY -> Generate.oneOf(withNul, number, bool, Generate.constant(() -> JSON.createObjectNode()));
            case OBJECT -> Generate.oneOf(withNul, number, bool, Generate.constant(() -> JSON.createArrayNode()));
            case ANY -> Generate.oneOf(withNul, loneSurrogate);
        };
    }

    /** Values that may be fine for the type and wrong for the field: boundaries, sizes, nesting. */
    private static Gen<JsonNode> edges(Kind kind) {
        return switch (kind) {
            case STRING, ID, ENUM, ANY -> Generate.oneOf(
                    strings().basicLatinAlphabet().ofLength(300).map(InputFuzzTest::text),
                    strings().basicMultilingualPlaneAlphabet().ofLengthBetween(1, 40).map(InputFuzzTest::text),
                    Generate.pick(List.of("", " ", "\t\n", "😀🚀", "\u202Ereversed", "'; drop table account; --", "%00",
                            "x".repeat(70_000))).map(InputFuzzTest::text));
            case INTEGER -> Generate.oneOf(Generate.pick(List.of(Long.MIN_VALUE, -1L, 0L, (long) Integer.MAX_VALUE + 1,
                    Long.MAX_VALUE)).map(l -> JSON.getNodeFactory().numberNode(l)),
                    integers().all().map(i -> JSON.getNodeFactory().numberNode(i)));
            case NUMBER -> Generate.oneOf(Generate.pick(List.of("1200.005", "-1", "0", "1e20", "1e-20", "-0.0",
                    "99999999999999.99", "1e308", "1e400", "-1e400", "1e-400", "123456789012345678901234567890")).map(t -> JSON.readTree(t)),
                    longs().all().zip(integers().between(0, 6), (l, scale) -> (JsonNode) JSON.getNodeFactory()
                            .numberNode(BigDecimal.valueOf(l, scale))));
            case BOOLEAN -> Generate.constant(() -> JSON.getNodeFactory().nullNode());
            case DATE -> Generate.pick(List.of("0001-01-01", "9999-12-31", "1969-12-31", "2024-02-29"))
                    .map(InputFuzzTest::text);
            case DATE_TIME -> Generate.pick(List.of("0001-01-01T00:00:00Z", "9999-12-31T23:59:59Z",
                    "2026-01-01T00:00:00+14:00", "2026-01-01T00:00:00.123456789-12:00")).map(InputFuzzTest::text);
            case ARRAY -> integers().between(50, 3_000).map(InputFuzzTest::nested);
            case OBJECT -> integers().between(50, 3_000).map(depth -> {
                ObjectNode root = JSON.createObjectNode();
                ObjectNode current = root;
                for (int i = 0; i < depth; i++) {
                    current = current.putObject("a");
                }
                return root;
            });
        };
    }

    private static JsonNode nested(int depth) {
        ArrayNode root = JSON.createArrayNode();
        ArrayNode current = root;
        for (int i = 0; i < depth; i++) {
            current = current.addArray();
        }
        return root;
    }

    private static JsonNode text(String value) {
        return JSON.getNodeFactory().stringNode(value);
    }

    // --- Tracking and imports ---

    private ObjectNode trackCall() {
        ObjectNode call = JSON.createObjectNode();
        call.put("userId", "fuzz-user").put("event", "Report Exported").put("messageId", "fuzz-" + SEED + "-" + sent)
                .put("timestamp", "2026-11-01T10:00:00Z");
        call.putObject("properties").put("module", "reports");
        call.putObject("context").put("groupId", "FUZZ-ACC");
        return call;
    }

    private void checkTracking(String path, JsonNode body, String field, Mutation mutation, String key) {
        HttpResponse<String> answer = sendTracking(path, JSON.writeValueAsBytes(body), null, key);
        String what = "POST " + path + " " + abbreviate(JSON.writeValueAsString(body));
        check(answer, what, null, false);
        if (mutation.wrongForType() && field != null) {
            if (answer.statusCode() != 400 || !answer.body().contains(field)) {
                failures.add(what + ": expected a 400 naming " + field + ", got " + answer.statusCode() + " "
                        + abbreviate(answer.body()));
            }
        }
    }

    private void fuzzJsonImport(ImportKind kind) {
        List<String> bodies = List.of("{\"tickets\":[{\"id\":\"a\\u0000b\"}]}", "{\"tickets\":[{\"id\":\"\\ud800\"}]}",
                "{\"data\":[{\"id\":\"in_1\",\"amount_due\":\"lots\",\"created\":1e400}]}", "[[[[[[[[[[[[]]]]]]]]]]]]",
                "{\"ticket\":{\"id\":1,\"created_at\":\"+10000-01-01T00:00:00Z\"}}", "{\"data\":{}}", "1", "\"x\"",
                "{\"data\":[{\"id\":\"in_1\",\"amount_due\":120000500,\"due_date\":99999999999999}]}");
        for (String body : bodies) {
            HttpResponse<String> answer = send("POST", "/api/import/" + kind.label(), "application/json", bytes(body),
                    LodestarTest.ADMIN_TOKEN);
            check(answer, "import " + kind.label() + " " + body, null, false);
        }
    }

    private static String cell(String column) {
        if (column.endsWith("email")) {
            return "fuzz@lodestar.test";
        }
        if (column.endsWith("_on") || column.endsWith("_date")) {
            return "2026-01-01";
        }
        if (column.endsWith("_at")) {
            return "2026-01-01T00:00:00Z";
        }
        return switch (column) {
            case "seats", "score", "satisfaction" -> "5";
            case "arr", "amount_due", "amount_paid" -> "100";
            case "auto_renew", "escalated" -> "true";
            case "currency" -> "usd";
            case "kind" -> "nps";
            default -> "FUZZ-1";
        };
    }

    // --- Checking and sending ---

    private void check(HttpResponse<String> answer, String what, String field, boolean mustNameField) {
        sent++;
        int status = answer.statusCode();
        // A well-formed email (any text is a valid subject) reaches the mail server, which this test does not run: its
        // refusal is the documented 502 "Delivery failed", an answer about the server behind Lodestar, not the input.
        boolean mailServerDown = status == 502 && answer.body().contains("\"title\":\"Delivery failed\"");
        if (status >= 500 && !mailServerDown) {
            failures.add(what + ": " + status + " " + abbreviate(answer.body()));
            return;
        }
        if (answer.body().contains("Exception") || answer.body().contains("at org.")) {
            failures.add(what + ": the answer shows internals: " + abbreviate(answer.body()));
        }
        if (status == 400 && !answer.body().contains("\"field\"") && !answer.body().contains("\"line\"")
                && field != null) {
            failures.add(what + ": a 400 that names no field: " + abbreviate(answer.body()));
        }
        if (mustNameField && (status != 400 || !answer.body().contains("\"field\":\"" + field + "\""))) {
            failures.add(what + ": expected a 400 naming " + field + ", got " + status + " " + abbreviate(answer.body()));
        }
    }

    private void report() {
        assertThat(failures).as("seed " + SEED + " (replay with -Dlodestar.fuzz.seed=" + SEED + "), " + sent
                + " requests sent").isEmpty();
        assertThat(sent).isGreaterThan(50);
    }

    private HttpResponse<String> sendTracking(String path, byte[] body, String encoding, String key) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (key != null) {
            request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(bytes(key + ":")));
        }
        if (encoding != null) {
            request.header("Content-Encoding", encoding);
        }
        return exchange(request.build());
    }

    private HttpResponse<String> send(String method, String path, String contentType, byte[] body, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return exchange(request.build());
    }

    private HttpResponse<String> exchange(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String abbreviate(String text) {
        String flat = text.replace("\u0000", "\\0");
        return flat.length() > 300 ? flat.substring(0, 300) + "…" : flat;
    }
}
