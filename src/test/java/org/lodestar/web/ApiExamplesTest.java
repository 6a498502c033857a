package org.lodestar.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.lodestar.ApiClient;
import org.lodestar.Book;
import org.lodestar.LodestarTest;
import org.lodestar.SmtpServer;
import org.lodestar.demo.SeededDemoBook;
import org.lodestar.health.ChurnRisks;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.MissingNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The API's real answers against its document: on the demo book (with a trained churn model, a feature request, a
 * load, a shared plan, a sent email ...), every documented read and the changes whose answers no read shows are called;
 * each answer must have a documented success status and be true to its schema. Those answers are the document's
 * success examples ({@code ApiDocument.SUCCESS_EXAMPLES}): {@code -Dlodestar.write-docs=true} writes them (lists cut
 * to two items), then OpenApiDocumentTest rewrites docs/openapi.json. Without it, every committed example must still be
 * one this run captured.
 */
@Tag("slow")
@LodestarTest
class ApiExamplesTest {

    static final Path EXAMPLES = Path.of("src/main/resources/org/lodestar/web/" + ApiDocument.SUCCESS_EXAMPLES);
    private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
    /** Lists in an example are cut to this many items: enough to show the shape. */
    private static final int LIST_ITEMS = 2;

    @RegisterExtension
    static SmtpServer mail = SmtpServer.onFreePort();

    @DynamicPropertySource
    static void mailServer(DynamicPropertyRegistry registry) {
        mail.register(registry, "success@lodestar.test");
    }

    @LocalServerPort
    int port;
    @Autowired
    Book book;
    @Autowired
    SeededDemoBook seeded;
    @Autowired
    ChurnRisks churnRisks;
    @Autowired
    Clock clock;

    private ApiClient api;
    private JsonNode document;
    private SchemaConformance conformance;
    private LocalDate today;
    private final Map<String, JsonNode> bySchema = new TreeMap<>();
    private final Map<String, JsonNode> byOperation = new TreeMap<>();
    private final List<String> wrong = new ArrayList<>();

    @AfterEach
    void emptyBook() {
        book.empty();
    }

    @Test
    void everySuccessAnswerIsTrueToTheDocument_AndGivesItsExample() throws IOException {
        seeded.get();
        churnRisks.train(90, null, "examples", line -> { });
        api = new ApiClient(port, LodestarTest.ADMIN_TOKEN);
        document = JSON.readTree(api.get("/v3/api-docs").body());
        conformance = new SchemaConformance(document);
        today = LocalDate.now(clock);

        Map<String, String> ids = changes(richAccount());
        for (var path : document.path("paths").properties()) {
            JsonNode read = path.getValue().path("get");
            if (!read.isMissingNode() && answersJson(read)) {
                String concrete = concrete(path.getKey(), read, ids);
                if (concrete.contains("{")) {
                    wrong.add("GET " + path.getKey() + ": no id of this book for its path");
                } else {
                    capture("GET", path.getKey(), api.get(concrete));
                }
            }
        }
        for (var path : document.path("paths").properties()) {
            path.getValue().properties().forEach(operation -> {
                String name = operation.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey();
                for (var response : operation.getValue().path("responses").properties()) {
                    JsonNode json = response.getValue().path("content").path("application/json");
                    if (response.getKey().startsWith("2") && !json.isMissingNode() && example(name, json) == null) {
                        wrong.add(name + ": no real answer of its schema was captured for its example");
                    }
                }
            });
        }
        assertThat(wrong).as("answers untrue to the document, or not captured").isEmpty();

        Map<String, Object> examples = new LinkedHashMap<>();
        examples.put("schemas", bySchema);
        examples.put("operations", byOperation);
        if (Boolean.getBoolean("lodestar.write-docs")) {
            Files.writeString(EXAMPLES, JSON.writeValueAsString(examples) + "\n");
        }
        JsonNode committed = JSON.readTree(Files.readString(EXAMPLES));
        for (var part : Map.of("schemas", bySchema, "operations", byOperation).entrySet()) {
            List<String> kept = new ArrayList<>();
            committed.path(part.getKey()).properties().forEach(e -> kept.add(e.getKey()));
            assertThat(part.getValue().keySet())
                    .as(EXAMPLES + " " + part.getKey() + " (regenerate with -Dlodestar.write-docs=true)")
                    .containsAll(kept);
        }
    }

    /** An account with the most to show: an owner, plans, invoices, tickets, survey answers and a contact with an email. */
    private long richAccount() {
        for (JsonNode account : api.get("/api/accounts?size=200").json().path("accounts")) {
            long id = account.path("id").asLong();
            boolean rich = account.path("owner").path("email").isString()
                    && List.of("plans", "invoices", "tickets", "surveys").stream()
                    .allMatch(list -> !api.get("/api/accounts/" + id + "/" + list).json().isEmpty())
                    && api.get("/api/accounts/" + id + "/stakeholders").json().valueStream()
                            .anyMatch(ApiExamplesTest::reachable);
            if (rich) {
                return id;
            }
        }
        throw new AssertionError("the demo book has no account with plans, invoices, tickets, surveys and a contact");
    }

    /** A contact with an email who has not left. */
    private static boolean reachable(JsonNode stakeholder) {
        return stakeholder.path("email").isString() && !stakeholder.path("leftOn").isString();
    }

    /**
     * The changes whose answers no read shows (and that give the reads something to show): each is its operation's
     * documented request example with this book's ids. Returns the ids the reads' paths take.
     */
    private Map<String, String> changes(long account) {
        Map<String, String> ids = new LinkedHashMap<>();
        ids.put("/api/accounts", Long.toString(account));
        ids.put("owner", api.get("/api/accounts/" + account).json().path("owner").path("email").asString());
        long contact = api.get("/api/accounts/" + account + "/stakeholders").json().valueStream()
                .filter(ApiExamplesTest::reachable).findFirst().orElseThrow()
                .path("id").asLong();
        long plan = api.get("/api/accounts/" + account + "/plans").json().get(0).path("id").asLong();

        change("POST", "/api/accounts/{accountId}/feature-requests", "/api/accounts/" + account + "/feature-requests",
                with("contactId", contact));
        change("POST", "/api/loads", "/api/loads", with());
        long load = api.get("/api/loads").json().get(0).path("id").asLong();
        change("POST", "/api/loads/{id}/complete", "/api/loads/" + load + "/complete", null);
        // The documented last day, moved to within the longest lifetime a token may have from the day this runs.
        change("POST", "/api/tokens", "/api/tokens", with("expiresAt", today.plusDays(90) + "T00:00:00Z"));
        JsonNode writeKey = change("POST", "/api/write-keys", "/api/write-keys", with());
        track(writeKey.path("secret").asString());
        change("POST", "/api/plans/{id}/links", "/api/plans/" + plan + "/links", with("contactId", contact));
        change("POST", "/api/plans/{id}/outcomes", "/api/plans/" + plan + "/outcomes", with());
        change("POST", "/api/accounts/{accountId}/emails/preview", "/api/accounts/" + account + "/emails/preview",
                with("contactId", contact));
        change("POST", "/api/accounts/{accountId}/emails", "/api/accounts/" + account + "/emails",
                with("contactId", contact));
        change("POST", "/api/outreach/preview", "/api/outreach/preview", with("accountId", account, "contactId", contact));
        JsonNode open = api.get("/api/tasks?status=open&limit=2").json();
        change("POST", "/api/tasks/bulk", "/api/tasks/bulk", with("taskIds", List.of(open.get(0).path("id").asLong(),
                open.get(1).path("id").asLong()), "until", today.plusDays(7).toString()));
        JsonNode attention = null;
        String attentionOwner = null;
        for (JsonNode csm : api.get("/api/book/team").json().path("csms")) {
            for (JsonNode item : api.get("/api/worklist?owner=" + csm.path("owner").asString()).json().path("items")) {
                if (attention == null && item.path("needsAttention").asBoolean() && item.path("tasks").isEmpty()) {
                    attention = item;
                    attentionOwner = csm.path("owner").asString();
                }
            }
        }
        assertThat(attention).as("an account on some Today that needs attention without a task").isNotNull();
        change("POST", "/api/worklist/aside", "/api/worklist/aside", with("owner", attentionOwner, "accountId",
                attention.path("accountId").asLong()));
        // Every play due today has started: what would start 60 days on (renewal windows opening) is the example.
        capture("GET", "/api/playbooks/dry-run", api.get("/api/playbooks/dry-run?asOf=" + today.plusDays(60)));
        change("POST", "/api/health/recompute", "/api/health/recompute", null);
        change("POST", "/api/signals/evaluate", "/api/signals/evaluate", null);
        change("POST", "/api/me/digest", "/api/me/digest", null);
        capture("POST", "/api/import/{kind}", api.postBytes("/api/import/accounts", "text/csv",
                operation("POST", "/api/import/{kind}").path("requestBody").path("content").path("text/csv")
                        .path("examples").path("accounts").path("value").asString().getBytes(StandardCharsets.UTF_8)));
        long request = api.get("/api/feature-requests").json().get(0).path("requestId").asLong();
        change("PUT", "/api/feature-requests/{id}", "/api/feature-requests/" + request, with());

        ids.put("/api/feature-requests", Long.toString(request));
        ids.put("/api/loads", Long.toString(load));
        ids.put("/api/plans", Long.toString(plan));
        ids.put("/api/milestones", api.get("/api/plans/" + plan).json().path("outcomes").get(0).path("milestones").get(0)
                .path("id").asString());
        for (String list : List.of("invoices", "subscriptions", "surveys", "tickets")) {
            ids.put("/api/" + list, api.get("/api/accounts/" + account + "/" + list).json().get(0).path("id").asString());
        }
        ids.put("/api/tasks", open.get(0).path("id").asString());
        ids.put("/api/plays", api.get("/api/plays").json().get(0).path("id").asString());
        ids.put("/api/signals", api.get("/api/signals").json().get(0).path("id").asString());
        ids.put("/api/renewals", api.get("/api/renewals").json().get(0).path("subscriptionId").asString());
        return ids;
    }

    /** The documented track call, sent with a write key as a Segment library would. */
    private void track(String writeKey) {
        JsonNode example = operation("POST", "/v1/track").path("requestBody").path("content").path("application/json")
                .path("example");
        try {
            HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://localhost:" + port + "/v1/track"))
                    .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((writeKey + ":")
                            .getBytes(StandardCharsets.UTF_8)))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(example.toString())).build(),
                    HttpResponse.BodyHandlers.ofString());
            capture("POST", "/v1/track", new ApiClient.Response(answer.statusCode(), answer.body(),
                    answer.headers().firstValue("Content-Type").orElse("")));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Makes the change with its documented example body, changed by {@code body}; returns the answer. */
    private JsonNode change(String method, String template, String path, Supplier<ObjectNode> body) {
        String json = "";
        if (body != null) {
            JsonNode content = operation(method, template).path("requestBody").path("content").path("application/json");
            ObjectNode example = ((ObjectNode) (content.has("example") ? content.path("example")
                    : referenced(content.path("schema")).path("example"))).deepCopy();
            example.setAll(body.get());
            json = example.toString();
        }
        ApiClient.Response answer = method.equals("PUT") ? api.put(path, json) : api.post(path, json);
        capture(method, template, answer);
        return answer.status() < 300 ? answer.json() : MissingNode.getInstance();
    }

    /** Fields to put over the example: name, value, name, value ... */
    private static Supplier<ObjectNode> with(Object... fields) {
        return () -> {
            ObjectNode node = JSON.createObjectNode();
            for (int i = 0; i < fields.length; i += 2) {
                node.set((String) fields[i], JSON.valueToTree(fields[i + 1]));
            }
            return node;
        };
    }

    private void capture(String method, String template, ApiClient.Response answer) {
        String name = method + " " + template;
        JsonNode operation = operation(method, template);
        JsonNode documented = operation.path("responses").path(Integer.toString(answer.status()));
        if (answer.status() >= 300 || documented.isMissingNode()) {
            List<String> codes = new ArrayList<>();
            operation.path("responses").properties().forEach(r -> codes.add(r.getKey()));
            wrong.add(name + ": answered " + answer.status() + ", documented " + codes + ": "
                    + answer.body().substring(0, Math.min(600, answer.body().length())));
            return;
        }
        JsonNode json = documented.path("content").path("application/json");
        if (json.isMissingNode() || !answer.contentType().startsWith("application/json")) {
            wrong.add(name + ": answered " + answer.contentType() + ", documented " + documented.path("content"));
            return;
        }
        JsonNode body = JSON.readTree(answer.body());
        List<String> problems = conformance.problems(body, json.path("schema"), name);
        if (!problems.isEmpty()) {
            wrong.addAll(problems);
            return;
        }
        String schema = schemaName(json.path("schema"));
        String items = schemaName(json.path("schema").path("items"));
        if (schema != null) {
            bySchema.putIfAbsent(schema, cut(body));
        } else if (items != null) {
            if (!body.isEmpty()) {
                bySchema.putIfAbsent(items, cut(body.get(0)));
            }
        } else {
            byOperation.put(name, cut(body));
        }
    }

    /** The example the document would give this answer, as ApiDocument picks it; null when none was captured. */
    private JsonNode example(String name, JsonNode json) {
        if (byOperation.containsKey(name)) {
            return byOperation.get(name);
        }
        String schema = schemaName(json.path("schema"));
        String items = schemaName(json.path("schema").path("items"));
        return schema != null ? bySchema.get(schema) : items != null ? bySchema.get(items) : null;
    }

    private static String schemaName(JsonNode schema) {
        String ref = schema.path("$ref").asString("");
        return ref.isEmpty() ? null : ref.substring(ref.lastIndexOf('/') + 1);
    }

    /** The value with every list cut to its first items, and secrets cut to their prefix. */
    private static JsonNode cut(JsonNode value) {
        if (value.isArray()) {
            ArrayNode kept = JSON.createArrayNode();
            for (int i = 0; i < Math.min(LIST_ITEMS, value.size()); i++) {
                kept.add(cut(value.get(i)));
            }
            return kept;
        }
        if (value.isObject()) {
            ObjectNode kept = JSON.createObjectNode();
            value.properties().forEach(e -> kept.set(e.getKey(), cut(e.getValue())));
            // A token's or write key's secret is shown once; the document shows its prefix only.
            if (kept.path("secret").isString()) {
                kept.put("secret", kept.path("secret").asString().substring(0, 10) + "…");
            }
            return kept;
        }
        return value;
    }

    private boolean answersJson(JsonNode operation) {
        for (var response : operation.path("responses").properties()) {
            if (response.getKey().startsWith("2") && response.getValue().path("content").has("application/json")) {
                return true;
            }
        }
        return false;
    }

    /** The path with its parameters filled from this book, and each required query parameter given. */
    private String concrete(String template, JsonNode operation, Map<String, String> ids) {
        String path = template;
        for (var id : ids.entrySet()) {
            if (path.startsWith(id.getKey() + "/{")) {
                path = id.getKey() + path.substring(id.getKey().length()).replaceFirst("\\{[^}]+}", id.getValue());
            }
        }
        path = path.replace("{kind}", "qbr")
                .replace("{quarter}", today.getYear() + "Q" + ((today.getMonthValue() - 1) / 3 + 1));
        List<String> query = new ArrayList<>();
        for (JsonNode parameter : operation.path("parameters")) {
            if (parameter.path("in").asString().equals("query") && parameter.path("required").asBoolean()) {
                String name = parameter.path("name").asString();
                query.add(name + "=" + switch (name) {
                    case "from" -> today.minusDays(60);
                    case "to" -> today.minusDays(1);
                    case "asOf" -> today;
                    case "figure" -> "expansion";
                    case "target" -> "enterprise:93:115";
                    default -> throw new IllegalStateException(template + ": no value for its parameter " + name);
                });
            }
        }
        if (template.equals("/api/worklist")) {
            query.add("owner=" + ids.get("owner"));  // a CSM's worklist, which has work on it
        }
        return query.isEmpty() ? path : path + "?" + String.join("&", query);
    }

    private JsonNode operation(String method, String template) {
        JsonNode operation = document.path("paths").path(template).path(method.toLowerCase(Locale.ROOT));
        assertThat(operation.isMissingNode()).as(method + " " + template + " in the document").isFalse();
        return operation;
    }

    private JsonNode referenced(JsonNode schema) {
        String name = schemaName(schema);
        return name == null ? schema : document.path("components").path("schemas").path(name);
    }
}
