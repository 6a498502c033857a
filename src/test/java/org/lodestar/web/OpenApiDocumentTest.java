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
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.lodestar.ApiClient;
import org.lodestar.Book;
import org.lodestar.LodestarTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.info.BuildProperties;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The OpenAPI document is one a client can be built from: valid, titled and versioned, with a summary and a stable,
 * unique id for every operation, an example for every request body and every JSON success answer (each true to its
 * schema), and a described problem for every error it declares; the tracking API (/v1) with its write key. It is committed as docs/openapi.json (the generated-client test builds its client from that file) and
 * must equal the live one; {@code ./mvnw test -Dtest=OpenApiDocumentTest -Dlodestar.write-docs=true} rewrites it.
 */
@LodestarTest
class OpenApiDocumentTest {

    static final Path COMMITTED = Path.of("docs/openapi.json");
    private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    @LocalServerPort
    int port;
    @Autowired
    BuildProperties build;
    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;
    /** The application's own reader of JSON bodies: unknown fields are refused. */
    @Autowired
    ObjectMapper mapper;
    @Autowired
    Book book;

    private String live() {
        ApiClient.Response answer = new ApiClient(port, LodestarTest.ADMIN_TOKEN).get("/v3/api-docs");
        assertThat(answer.status()).isEqualTo(200);
        return JSON.writeValueAsString(JSON.readTree(answer.body())) + "\n";
    }

    @Test
    void theDocumentIsTitledVersionedAndSecuredByBearerTokens() {
        JsonNode api = JSON.readTree(live());
        assertThat(api.path("info").path("title").asString()).isEqualTo("Lodestar API");
        assertThat(api.path("info").path("version").asString()).as("the project's version, from the build")
                .isEqualTo(build.getVersion()).isNotBlank();
        assertThat(api.path("info").path("license").path("name").asString()).isEqualTo("Apache-2.0");
        assertThat(api.path("servers").get(0).path("url").asString()).isEqualTo("/");
        assertThat(api.path("components").path("securitySchemes").path("bearerAuth").path("scheme").asString())
                .isEqualTo("bearer");
        assertThat(api.path("security").get(0).has("bearerAuth")).isTrue();
    }

    @Test
    void everyOperationHasASummaryEveryBodyAnExampleAndEveryProblemItsShape() {
        JsonNode api = JSON.readTree(live());
        JsonNode schemas = api.path("components").path("schemas");
        List<String> missing = new ArrayList<>();
        Set<String> operationIds = new HashSet<>();
        int operations = 0;
        for (var path : api.path("paths").properties()) {
            for (var entry : path.getValue().properties()) {
                operations++;
                String name = entry.getKey().toUpperCase() + " " + path.getKey();
                JsonNode operation = entry.getValue();
                String operationId = operation.path("operationId").asString("");
                if (!operationIds.add(operationId) || operationId.matches(".*_\\d+")) {
                    missing.add(name + ": operation id '" + operationId + "' is not a name of its own");
                }
                if (operation.path("summary").asString("").isBlank()) {
                    missing.add(name + ": no summary");
                }
                for (var media : operation.path("requestBody").path("content").properties()) {
                    JsonNode body = media.getValue();
                    boolean example = body.has("example") || !body.path("examples").isEmpty()
                            || referenced(body.path("schema"), schemas).has("example");
                    if (!example) {
                        missing.add(name + ": no example of its " + media.getKey() + " body");
                    }
                }
                boolean answered = false;
                for (var response : operation.path("responses").properties()) {
                    if (response.getKey().startsWith("2")) {
                        answered = true;
                    }
                    if (response.getKey().startsWith("4") || response.getKey().startsWith("5")) {
                        JsonNode problem = response.getValue().path("content").path("application/problem+json");
                        if (!problem.path("schema").path("$ref").asString("").equals("#/components/schemas/ProblemDetail")
                                || !problem.has("example")) {
                            missing.add(name + ": response " + response.getKey() + " is no described problem");
                        }
                    }
                }
                if (!answered) {
                    missing.add(name + ": no success response");
                }
            }
        }
        assertThat(operations).as("operations in the document").isGreaterThan(90);
        assertThat(missing).as("what the document lacks").isEmpty();
        assertThat(schemas.path("ProblemDetail").path("properties").has("errors")).isTrue();
        JsonNode send = api.path("paths").path("/api/outreach/send").path("post").path("responses");
        assertThat(send.has("422") && send.has("502")).as("sending declares refused and delivery failed").isTrue();
        assertThat(send.path("422").path("description").asString()).startsWith("Refused: the contact unsubscribed");
        assertThat(api.path("paths").path("/api/accounts/{id}").path("get").path("responses").has("404")).isTrue();
    }

    /** An example a client copies must be one the API reads: each is read as its operation's body, strictly. */
    @Test
    void everyRequestExampleIsABodyTheApiReads() {
        JsonNode api = JSON.readTree(live());
        JsonNode schemas = api.path("components").path("schemas");
        List<String> read = new ArrayList<>();
        mappings.getHandlerMethods().forEach((mapping, handler) -> {
            for (MethodParameter parameter : handler.getMethodParameters()) {
                if (!parameter.hasParameterAnnotation(RequestBody.class) || parameter.getParameterType() == byte[].class) {
                    continue;
                }
                for (String path : mapping.getPatternValues()) {
                    for (RequestMethod method : mapping.getMethodsCondition().getMethods()) {
                        JsonNode body = api.path("paths").path(path).path(method.name().toLowerCase(Locale.ROOT))
                                .path("requestBody").path("content").path("application/json");
                        JsonNode example = body.has("example") ? body.path("example")
                                : referenced(body.path("schema"), schemas).path("example");
                        assertThat(example.isObject()).as(method + " " + path + ": an example object").isTrue();
                        mapper.readValue(example.toString(), mapper.constructType(parameter.getGenericParameterType()));
                        read.add(method + " " + path);
                    }
                }
            }
        });
        assertThat(read).as("request examples read").hasSizeGreaterThan(40).contains("POST /api/accounts");
    }

    /**
     * Every JSON success answer shows an example, and every example of the document (request bodies, success answers,
     * problems) is what its schema says: the names, types, formats and enums of each property, all the way down.
     */
    @Test
    void everySuccessAnswerHasAnExample_AndEveryExampleIsTrueToItsSchema() {
        JsonNode api = JSON.readTree(live());
        SchemaConformance conformance = new SchemaConformance(api);
        List<String> wrong = new ArrayList<>();
        int successes = 0;
        for (var path : api.path("paths").properties()) {
            for (var entry : path.getValue().properties()) {
                String name = entry.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey();
                JsonNode operation = entry.getValue();
                for (var media : operation.path("requestBody").path("content").properties()) {
                    JsonNode body = media.getValue();
                    JsonNode example = body.has("example") ? body.path("example")
                            : referenced(body.path("schema"), api.path("components").path("schemas")).path("example");
                    if (media.getKey().equals("application/json") && !example.isMissingNode()) {
                        wrong.addAll(conformance.problems(example, body.path("schema"), name + " request body"));
                    }
                }
                for (var response : operation.path("responses").properties()) {
                    for (var media : response.getValue().path("content").properties()) {
                        String where = name + " " + response.getKey() + " " + media.getKey();
                        boolean json = media.getKey().equals("application/json");
                        if (json && response.getKey().startsWith("2")) {
                            successes++;
                            if (!media.getValue().has("example")) {
                                wrong.add(where + ": no example");
                            }
                        }
                        if (media.getValue().has("example")) {
                            wrong.addAll(conformance.problems(media.getValue().path("example"),
                                    media.getValue().path("schema"), where));
                        }
                    }
                }
            }
        }
        assertThat(successes).as("JSON success answers in the document").isGreaterThan(120);
        assertThat(wrong).as("examples missing or untrue to their schema").isEmpty();
    }

    /** The checker itself: it finds a property the schema lacks, a wrong type, an unknown enum value, a bad date. */
    @Test
    void theSchemaCheckFindsWhatAnExampleGetsWrong() {
        JsonNode api = JSON.readTree(live());
        SchemaConformance conformance = new SchemaConformance(api);
        JsonNode account = JSON.readTree("""
                {"id": "seven", "name": "Acme", "stage": "thriving", "createdAt": "yesterday", "colour": "blue",
                 "owner": {"id": 3, "email": "csm@lodestar.test", "shoeSize": 44}}""");
        assertThat(conformance.problems(account, JSON.readTree("{\"$ref\":\"#/components/schemas/Account\"}"), "account"))
                .anyMatch(p -> p.startsWith("account.id: expected an integer"))
                .anyMatch(p -> p.startsWith("account.stage: \"thriving\" is not one of"))
                .anyMatch(p -> p.startsWith("account.createdAt: 'yesterday' is not a date-time"))
                .anyMatch(p -> p.startsWith("account.colour: not a property of the schema"))
                .anyMatch(p -> p.startsWith("account.owner.shoeSize: not a property of the schema"))
                .hasSize(5);
        assertThat(conformance.problems(JSON.readTree("{\"status\": 400}"),
                JSON.readTree("{\"$ref\":\"#/components/schemas/ProblemDetail\"}"), "problem"))
                .containsExactly("problem.title: required, and missing");
    }

    /** The tracking API is in the document, under its own tag and secured by a write key; /api keeps bearer tokens. */
    @Test
    void theTrackingApiIsDocumentedWithItsWriteKey() {
        JsonNode api = JSON.readTree(live());
        JsonNode writeKey = api.path("components").path("securitySchemes").path("writeKey");
        assertThat(writeKey.path("type").asString() + " " + writeKey.path("scheme").asString()).isEqualTo("http basic");
        List<String> calls = List.of("track", "identify", "group", "page", "screen", "alias", "batch", "import");
        for (String call : calls) {
            JsonNode operation = api.path("paths").path("/v1/" + call).path("post");
            assertThat(operation.path("tags").get(0).asString()).as(call).isEqualTo("Tracking");
            assertThat(operation.path("security").toString()).as(call).isEqualTo("[{\"writeKey\":[]}]");
            assertThat(operation.path("responses").properties()).extracting(e -> e.getKey())
                    .as(call).containsExactly("200", "400", "401", "500", "503");
        }
        for (var path : api.path("paths").properties()) {
            if (path.getKey().startsWith("/api/")) {
                path.getValue().properties().forEach(operation -> assertThat(operation.getValue().has("security"))
                        .as(path.getKey() + " keeps the document's bearer token").isFalse());
            }
        }
    }

    /** Each documented tracking call, sent as it is with a real write key, is taken: 200 and the documented answer. */
    @Test
    void everyTrackingExampleIsACallTheTrackingApiTakes() throws Exception {
        JsonNode api = JSON.readTree(live());
        SchemaConformance conformance = new SchemaConformance(api);
        ApiClient.Response issued = new ApiClient(port, LodestarTest.ADMIN_TOKEN).post("/api/write-keys",
                "{\"name\":\"document examples\"}");
        assertThat(issued.status()).as(issued.body()).isEqualTo(201);
        String basic = "Basic " + Base64.getEncoder().encodeToString((issued.json().path("secret").asString() + ":")
                .getBytes(StandardCharsets.UTF_8));
        HttpClient http = HttpClient.newHttpClient();
        List<String> taken = new ArrayList<>();
        try {
            for (var path : api.path("paths").properties()) {
                if (!path.getKey().startsWith("/v1/")) {
                    continue;
                }
                JsonNode operation = path.getValue().path("post");
                JsonNode example = operation.path("requestBody").path("content").path("application/json").path("example");
                HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                        + path.getKey())).header("Authorization", basic).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(example.toString())).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(answer.statusCode()).as(path.getKey() + ": " + answer.body()).isEqualTo(200);
                JsonNode documented = operation.path("responses").path("200").path("content").path("application/json");
                assertThat(conformance.problems(JSON.readTree(answer.body()), documented.path("schema"), path.getKey()))
                        .isEmpty();
                assertThat(JSON.readTree(answer.body())).isEqualTo(documented.path("example"));
                taken.add(path.getKey());
            }
        } finally {
            book.empty();
        }
        assertThat(taken).containsExactlyInAnyOrder("/v1/track", "/v1/identify", "/v1/group", "/v1/page", "/v1/screen",
                "/v1/alias", "/v1/batch", "/v1/import");
    }

    @Test
    void theDocumentIsValidOpenApi() {
        SwaggerParseResult parsed = new OpenAPIV3Parser().readContents(live());
        assertThat(parsed.getOpenAPI()).isNotNull();
        assertThat(parsed.getMessages()).as("the parser's messages").isEmpty();
    }

    @Test
    void theCommittedDocumentIsTheLiveOne() throws IOException {
        String live = live();
        if (Boolean.getBoolean("lodestar.write-docs")) {
            Files.writeString(COMMITTED, live);
        }
        assertThat(Files.exists(COMMITTED) ? Files.readString(COMMITTED) : "(no " + COMMITTED + ")")
                .as(COMMITTED + " (regenerate: ./mvnw test -Dtest=OpenApiDocumentTest -Dlodestar.write-docs=true)")
                .isEqualTo(live);
    }

    private static JsonNode referenced(JsonNode schema, JsonNode schemas) {
        String ref = schema.path("$ref").asString("");
        return ref.isEmpty() ? schema : schemas.path(ref.substring(ref.lastIndexOf('/') + 1));
    }
}
