package org.lodestar.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.info.BuildProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.BooleanSchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The OpenAPI document of {@code /api} ({@code /v3/api-docs}, explored at {@code /swagger-ui/index.html}): titled and
 * versioned as the build, bearer tokens as its security, and the problem details ({@link ApiErrors}) every operation
 * may answer, written once here instead of on each operation. An operation declares the rarer ones it answers (422
 * refused, 502 delivery failed) with a bare {@code @ApiResponse}; the shape and an example are filled in here. The
 * tracking API ({@code /v1}) is described by its module, with its write key as security and its own problems.
 * <p>
 * Each JSON success answer carries an example of its schema from {@value #SUCCESS_EXAMPLES}: answers of real calls to a
 * running Lodestar with the demo book, captured by {@code ApiExamplesTest}, never typed by hand.
 */
@Configuration
@ConditionalOnWebApplication
class ApiDocument {

    static final String BEARER = "bearerAuth";
    static final String PROBLEM = "ProblemDetail";
    /** Examples of success answers: {"schemas": {name: example}, "operations": {"POST /api/x": example}}. */
    static final String SUCCESS_EXAMPLES = "api-examples.json";

    /** Each problem status the API answers, with its title and a sample of what it says. */
    private record Problem(HttpStatus status, String description, String title, String detail) {
    }

    private static final Map<String, Problem> PROBLEMS = problems(
            new Problem(HttpStatus.BAD_REQUEST, "Invalid request: a parameter or a body field is wrong; each is named "
                    + "under errors", "Invalid request", "stage: expected one of onboarding, adopting, mature, renewing"),
            new Problem(HttpStatus.UNAUTHORIZED, "No bearer token (or session), or one unknown, expired or revoked",
                    "Unauthorized", "Authentication required: send 'Authorization: Bearer <token>'"),
            new Problem(HttpStatus.FORBIDDEN, "The role or the token's scope does not allow this, or a change signed "
                    + "in by session came without its CSRF token", "Forbidden",
                    "Your role or your token's scope does not allow this"),
            new Problem(HttpStatus.NOT_FOUND, "What the path names does not exist", "Not Found", "No account 42"),
            new Problem(HttpStatus.CONFLICT, "The change conflicts with what is stored (a duplicate, a state that "
                    + "does not allow it); nothing was written", "Conflict", "An account with external id A-1 exists"),
            new Problem(HttpStatus.GONE, "What the path names existed but is withdrawn or expired", "Gone",
                    "The link has expired"),
            new Problem(HttpStatus.CONTENT_TOO_LARGE, "The body is larger than the API accepts", "Content Too Large",
                    "The request body is larger than 1048576 bytes"),
            new Problem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "The body is not in a media type the operation reads",
                    "Unsupported Media Type", "Content-Type 'text/plain' is not supported"),
            new Problem(HttpStatus.UNPROCESSABLE_CONTENT, "Refused: the request is understood but is not done, and "
                    + "the detail says why", "Refused", "The contact has unsubscribed from email"),
            new Problem(HttpStatus.TOO_MANY_REQUESTS, "Too many unknown bearer tokens from this address; "
                    + "Retry-After says when to try again", "Too Many Requests",
                    "Too many unknown, expired or revoked bearer tokens from your address; try again in 60 seconds"),
            new Problem(HttpStatus.INTERNAL_SERVER_ERROR, "An unexpected failure; the log has it under the reference",
                    "Internal Server Error", "Something went wrong on our side; the log has the details under "
                            + "reference 3f2c8a5e-0d6b-4f1e-9a57-2b8f9c1d7e44"),
            new Problem(HttpStatus.BAD_GATEWAY, "Delivery failed: the mail server or webhook did not take the message",
                    "Delivery failed", "The mail server at smtp.example.com refused the message: 550 mailbox unavailable"),
            new Problem(HttpStatus.SERVICE_UNAVAILABLE, "Another change to the same records was under way; nothing "
                    + "was written and a retry (after Retry-After) works", "Service Unavailable",
                    "Another change to the same records was under way; nothing was written. Try again in a moment"));

    @Bean
    OpenAPI lodestarApi(ObjectProvider<BuildProperties> build) {
        String version = build.stream().map(BuildProperties::getVersion).findFirst().orElse("development");
        return new OpenAPI()
                .info(new Info().title("Lodestar API").version(version)
                        .description("""
                                The book of accounts, health, signals, plays, plans and everything else Lodestar \
                                keeps, as JSON. Authenticate with a bearer token (`lodestar tokens create` or \
                                Settings → People and API tokens, then `Authorization: Bearer <token>`); a browser signed in to \
                                Lodestar may use its session instead, sending the `XSRF-TOKEN` cookie's value as \
                                `X-XSRF-TOKEN` with every change. Errors are RFC 9457 problem details \
                                (`application/problem+json`) that name what was wrong. The tracking API (`/v1`, \
                                Segment's) takes product usage with a write key instead of a token.""")
                        .license(new License().name("Apache-2.0").url("https://www.apache.org/licenses/LICENSE-2.0")))
                // Relative: the document is right wherever Lodestar is reached (and the same on every machine).
                .servers(List.of(new Server().url("/").description("This Lodestar")))
                .components(new Components()
                        .addSecuritySchemes(BEARER, new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")
                                .bearerFormat("lsk_…").description("An API token: `Authorization: Bearer lsk_…`")))
                .addSecurityItem(new SecurityRequirement().addList(BEARER));
    }

    /**
     * An operation is named after its method; where several controllers have a method of that name (get, list,
     * create ...), after its controller too (accountsGet, tasksCreate): the same name on every build, where springdoc
     * would number them (get_6) in the order it meets them.
     */
    @Bean
    OperationCustomizer operationIds(@Qualifier("requestMappingHandlerMapping") RequestMappingHandlerMapping mappings) {
        Map<String, Long> sharing = new ConcurrentHashMap<>();
        return (operation, handler) -> {
            if (sharing.isEmpty()) {
                sharing.putAll(mappings.getHandlerMethods().values().stream()
                        .filter(method -> method.getBeanType().isAnnotationPresent(RestController.class))
                        .map(HandlerMethod::getMethod).distinct()
                        .collect(Collectors.groupingBy(Method::getName, Collectors.counting())));
            }
            String name = handler.getMethod().getName();
            if (sharing.getOrDefault(name, 0L) > 1) {
                String controller = handler.getBeanType().getSimpleName().replaceFirst("Api$", "");
                operation.setOperationId(Character.toLowerCase(controller.charAt(0)) + controller.substring(1)
                        + Character.toUpperCase(name.charAt(0)) + name.substring(1));
            } else {
                operation.setOperationId(name);
            }
            return operation;
        };
    }

    /** Adds to each operation the problems it may answer, and gives every declared problem its shape and example. */
    @Bean
    OpenApiCustomizer problemResponses() {
        return api -> {
            // Added here, not with the security scheme: a schema nothing referred to yet would be pruned.
            api.getComponents().addSchemas(PROBLEM, problemSchema());
            api.getPaths().forEach((path, item) -> item.readOperationsMap()
                    .forEach((method, operation) -> describeProblems(path, method, operation)));
        };
    }

    /**
     * Gives every JSON success answer its example: the captured answer of that operation when its schema is its own
     * (an untyped object), else the captured instance of its schema (in a list for a list).
     */
    @Bean
    OpenApiCustomizer successExamples() {
        Map<String, Map<String, Object>> captured = successExamples(SUCCESS_EXAMPLES);
        Map<String, Object> bySchema = captured.getOrDefault("schemas", Map.of());
        Map<String, Object> byOperation = captured.getOrDefault("operations", Map.of());
        return api -> api.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
            if (operation.getResponses() == null) {
                return;
            }
            operation.getResponses().forEach((code, response) -> {
                MediaType json = code.startsWith("2") && response.getContent() != null
                        ? response.getContent().get("application/json") : null;
                if (json == null || json.getExample() != null || json.getSchema() == null) {
                    return;
                }
                Object example = byOperation.get(method + " " + path);
                if (example == null) {
                    example = exampleOf(json.getSchema(), bySchema);
                }
                if (example != null) {
                    json.setExample(example);
                }
            });
        }));
    }

    @SuppressWarnings("rawtypes")
    private static Object exampleOf(Schema schema, Map<String, Object> bySchema) {
        if (schema.get$ref() != null) {
            return bySchema.get(schema.get$ref().substring(schema.get$ref().lastIndexOf('/') + 1));
        }
        if (schema.getItems() != null) {
            Object item = exampleOf(schema.getItems(), bySchema);
            return item == null ? null : List.of(item);
        }
        return null;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> successExamples(String resource) {
        try (InputStream in = ApiDocument.class.getResourceAsStream(resource)) {
            if (in == null) {
                return Map.of();
            }
            // Amounts are kept as written (an exact decimal, never a double's rounding).
            return JsonMapper.builder().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build()
                    .readValue(in, Map.class);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + resource, e);
        }
    }

    private static void describeProblems(String path, PathItem.HttpMethod method, Operation operation) {
        if (operation.getResponses() == null) {
            operation.setResponses(new ApiResponses());
        }
        ApiResponses responses = operation.getResponses();
        boolean parameters = operation.getParameters() != null && !operation.getParameters().isEmpty();
        boolean body = operation.getRequestBody() != null;
        boolean change = method != PathItem.HttpMethod.GET && method != PathItem.HttpMethod.HEAD;
        boolean named = operation.getParameters() != null
                && operation.getParameters().stream().map(Parameter::getIn).anyMatch("path"::equals);
        // An operation with a security of its own (the tracking API's write key) declares the problems it answers.
        if (operation.getSecurity() == null) {
            declareProblems(responses, parameters, body, change, named);
        }
        responses.forEach((code, response) -> {
            Problem problem = PROBLEMS.get(code);
            boolean described = response.getContent() != null
                    && response.getContent().containsKey("application/problem+json");
            if (problem != null && !described) {
                complete(response, problem, path);
            }
        });
    }

    private static void declareProblems(ApiResponses responses, boolean parameters, boolean body, boolean change,
            boolean named) {
        if (parameters || body) {
            declare(responses, HttpStatus.BAD_REQUEST);
        }
        declare(responses, HttpStatus.UNAUTHORIZED);
        declare(responses, HttpStatus.FORBIDDEN);
        if (named) {
            declare(responses, HttpStatus.NOT_FOUND);
        }
        if (change) {
            declare(responses, HttpStatus.CONFLICT);
        }
        if (body) {
            declare(responses, HttpStatus.CONTENT_TOO_LARGE);
            declare(responses, HttpStatus.UNSUPPORTED_MEDIA_TYPE);
        }
        declare(responses, HttpStatus.TOO_MANY_REQUESTS);
        declare(responses, HttpStatus.INTERNAL_SERVER_ERROR);
        if (change) {
            declare(responses, HttpStatus.SERVICE_UNAVAILABLE);
        }
    }

    private static void declare(ApiResponses responses, HttpStatus status) {
        String code = Integer.toString(status.value());
        if (!responses.containsKey(code)) {
            responses.addApiResponse(code, new ApiResponse());
        }
    }

    /** A declared problem keeps its own description; its content is the problem detail, with an example. */
    private static void complete(ApiResponse response, Problem problem, String path) {
        if (response.getDescription() == null || response.getDescription().isBlank()) {
            response.setDescription(problem.description());
        }
        Map<String, Object> example = new LinkedHashMap<>();
        example.put("type", "about:blank");
        example.put("title", problem.title());
        example.put("status", problem.status().value());
        example.put("detail", problem.detail());
        example.put("instance", path);
        if (problem.status() == HttpStatus.BAD_REQUEST) {
            example.put("errors", List.of(Map.of("field", "stage",
                    "reason", "expected one of onboarding, adopting, mature, renewing")));
        }
        if (problem.status() == HttpStatus.INTERNAL_SERVER_ERROR) {
            example.put("reference", "3f2c8a5e-0d6b-4f1e-9a57-2b8f9c1d7e44");
        }
        response.setContent(new Content().addMediaType("application/problem+json", new MediaType()
                        .schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM)).example(example)));
    }

    @SuppressWarnings("rawtypes")
    private static Schema problemSchema() {
        ObjectSchema error = new ObjectSchema();
        error.addProperty("field", new StringSchema().description("The parameter or body field (a path such as "
                + "lineItems[0].arr); empty when the whole body is wrong"));
        error.addProperty("reason", new StringSchema().description("What is wrong and what was expected"));
        ObjectSchema problem = new ObjectSchema();
        problem.description("An RFC 9457 problem detail: what went wrong, in words a person can act on");
        problem.addProperty("type", new StringSchema().format("uri").description("about:blank: the status says it"));
        problem.addProperty("title", new StringSchema().description("The kind of problem"));
        problem.addProperty("status", new IntegerSchema().description("The HTTP status"));
        problem.addProperty("detail", new StringSchema().description("What was wrong, and where"));
        problem.addProperty("instance", new StringSchema().format("uri").description("The path asked for"));
        problem.addProperty("errors", new ArraySchema().items(error)
                .description("Invalid request (400): each field that is wrong"));
        problem.addProperty("reference", new StringSchema().description("Unexpected failure (500): the log's reference"));
        problem.addProperty("success", new BooleanSchema().description("The tracking API (/v1): false"));
        problem.required(List.of("title", "status"));
        return problem;
    }

    private static Map<String, Problem> problems(Problem... problems) {
        Map<String, Problem> byCode = new LinkedHashMap<>();
        for (Problem problem : problems) {
            byCode.put(Integer.toString(problem.status().value()), problem);
        }
        return Map.copyOf(byCode);
    }
}
