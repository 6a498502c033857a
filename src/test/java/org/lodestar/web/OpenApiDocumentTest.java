package org.lodestar.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.lodestar.ApiClient;
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
 * unique id for every operation, an example for every request body and a described problem for every error it
 * declares. It is committed as docs/openapi.json (the generated-client test builds its client from that file) and
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
