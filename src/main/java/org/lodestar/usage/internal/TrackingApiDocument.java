package org.lodestar.usage.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.BooleanSchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.DateTimeSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.RequestBody;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.tags.Tag;

/**
 * The tracking API ({@link TrackingApi}) in the OpenAPI document. Its one handler reads the raw body of eight calls, so
 * springdoc cannot describe it from the code; its operations are written here, one per call, secured by the write key
 * (the HTTP Basic user name) instead of the bearer token of {@code /api}. First among the customizers, so that the
 * document's own ones give its success answer its captured example.
 */
@Configuration
@ConditionalOnWebApplication
class TrackingApiDocument {

    static final String WRITE_KEY = "writeKey";
    static final String TAG = "Tracking";
    private static final String PROBLEM = "#/components/schemas/ProblemDetail";

    /** A call of the tracking API: its path, its summary, and an example body. */
    private record Call(String name, String summary, String schema, Map<String, Object> example) {
    }

    private static final Map<String, Object> TRACK = ordered("userId", "u-17", "event", "Report Viewed",
            "properties", ordered("module", "analytics", "report", "Weekly active users"),
            "context", ordered("groupId", "acme-workspace"), "timestamp", "2026-12-01T09:30:00Z",
            "messageId", "3d1c2b7a-9f0e-4c55-8a21-6b4e0f9d2c10");

    private static final Map<String, Object> BATCH = ordered("batch", List.of(
            ordered("type", "identify", "userId", "u-17", "traits", ordered("email", "ana.lima@acme.example",
                    "name", "Ana Lima"), "messageId", "0b7e4c1a-2d3f-4e5a-9b6c-7d8e9f0a1b2c"),
            ordered("type", "track", "userId", "u-17", "event", "Dashboard Shared",
                    "properties", ordered("module", "dashboards"), "originalTimestamp", "2026-12-01T09:29:58Z",
                    "messageId", "5a6b7c8d-9e0f-4a1b-8c2d-3e4f5a6b7c8d")),
            "context", ordered("groupId", "acme-workspace", "library", ordered("name", "analytics-java",
                    "version", "3.5.4")),
            "sentAt", "2026-12-01T09:30:00Z");

    private static final List<Call> CALLS = List.of(
            new Call("track", "Record an event a user did (event required)", "TrackingCall", TRACK),
            new Call("identify", "Say who a user is (traits), and with context.groupId which account they belong to",
                    "TrackingCall", ordered("userId", "u-17", "traits", ordered("email", "ana.lima@acme.example",
                            "name", "Ana Lima", "title", "Head of Analytics"), "context", ordered("groupId",
                                    "acme-workspace"))),
            new Call("group", "Tie a user to an account (groupId: the account's product group id or external id)",
                    "TrackingCall", ordered("userId", "u-17", "groupId", "acme-workspace", "traits",
                            ordered("name", "Acme Rockets", "plan", "growth"))),
            new Call("page", "Record a page a user viewed", "TrackingCall", ordered("userId", "u-17",
                    "name", "Usage dashboard", "properties", ordered("path", "/dashboards/usage"))),
            new Call("screen", "Record a screen of a mobile app a user viewed", "TrackingCall",
                    ordered("anonymousId", "7f3e9a12-c4d8-4b6e-a0f1-25e8d9c7b314", "name", "Home",
                            "context", ordered("groupId", "acme-workspace"))),
            new Call("alias", "Join a user's earlier id (previousId) to their id", "TrackingCall",
                    ordered("userId", "u-17", "previousId", "7f3e9a12-c4d8-4b6e-a0f1-25e8d9c7b314")),
            new Call("batch", "Send many calls at once, all stored or none; batch-level context and sentAt apply to "
                    + "each call", "TrackingBatch", BATCH),
            new Call("import", "Send many calls at once (what Segment's Java client posts to): as batch",
                    "TrackingBatch", BATCH));

    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE)
    OpenApiCustomizer trackingOperations() {
        return api -> {
            api.getComponents().addSecuritySchemes(WRITE_KEY, new SecurityScheme().type(SecurityScheme.Type.HTTP)
                    .scheme("basic").description("A write key (`lwk_…`, from Write keys) as the HTTP Basic user name "
                            + "with an empty password: `curl -u \"lwk_…:\"`. The tracking API (/v1) only; a key may "
                            + "instead be sent as `writeKey` in the body."));
            api.getComponents().addSchemas("TrackingCall", callSchema());
            api.getComponents().addSchemas("TrackingBatch", batchSchema());
            api.getComponents().addSchemas("TrackingSuccess", new ObjectSchema()
                    .description("Every call of the request is stored")
                    .addProperty("success", new BooleanSchema().description("Always true"))
                    .required(List.of("success")));
            api.addTagsItem(new Tag().name(TAG).description("Segment's HTTP Tracking API: product usage from any "
                    + "Segment or RudderStack library, authenticated by a write key"));
            for (Call call : CALLS) {
                api.path("/v1/" + call.name(), new PathItem().post(operation(call)));
            }
        };
    }

    private static Operation operation(Call call) {
        ApiResponses responses = new ApiResponses()
                .addApiResponse("200", new ApiResponse().description("Stored: answered once the calls are committed; a "
                        + "messageId already stored for this write key counts once").content(json(
                                new Schema<>().$ref("#/components/schemas/TrackingSuccess"), null)))
                .addApiResponse("400", problem("Rejected: not JSON, not gzip, a call without a required field, a value "
                        + "of the wrong type, an event over 32 KB or a body over 500 KB; nothing is stored", 400,
                        "Tracking call rejected", call.schema().equals("TrackingBatch")
                                ? "batch[1].event: is required"
                                : "timestamp: expected an ISO-8601 date-time with an offset, such as "
                                        + "2026-11-22T09:30:00Z; got 'yesterday'", call.name()))
                .addApiResponse("401", problem("No write key, or one unknown or revoked", 401, "Write key required",
                        "Unknown or revoked write key", call.name()))
                .addApiResponse("500", new ApiResponse())
                .addApiResponse("503", new ApiResponse());
        return new Operation().operationId(call.name()).summary(call.summary()).addTagsItem(TAG)
                .description("`POST /v1/" + call.name() + "` (a trailing slash is accepted). The body may be sent "
                        + "with `Content-Encoding: gzip`. See docs/usage.md for how calls are tied to accounts.")
                .addSecurityItem(new SecurityRequirement().addList(WRITE_KEY))
                .requestBody(new RequestBody().required(true).content(json(
                        new Schema<>().$ref("#/components/schemas/" + call.schema()), call.example())))
                .responses(responses);
    }

    private static ApiResponse problem(String description, int status, String title, String detail, String call) {
        Map<String, Object> example = ordered("type", "about:blank", "title", title, "status", status,
                "detail", detail, "instance", "/v1/" + call, "success", false);
        return new ApiResponse().description(description).content(new Content().addMediaType(
                "application/problem+json", new MediaType().schema(new Schema<>().$ref(PROBLEM)).example(example)));
    }

    private static Content json(Schema<?> schema, Object example) {
        return new Content().addMediaType("application/json", new MediaType().schema(schema).example(example));
    }

    private static Schema<?> callSchema() {
        return new ObjectSchema()
                .description("One call as Segment sends it; userId or anonymousId is required. Fields not named here "
                        + "are kept as sent.")
                .addProperty("type", new StringSchema()._enum(List.of("track", "identify", "group", "page", "screen",
                        "alias")).description("In a batch: which call this is; otherwise the path says it"))
                .addProperty("userId", new StringSchema().description("The user in your product"))
                .addProperty("anonymousId", new StringSchema().description("A user not signed in yet"))
                .addProperty("event", new StringSchema().description("track: what the user did (required)"))
                .addProperty("name", new StringSchema().description("page, screen: what was viewed"))
                .addProperty("category", new StringSchema().description("page: its category"))
                .addProperty("groupId", new StringSchema().description("group: the account, by its product group id "
                        + "or external id (required)"))
                .addProperty("previousId", new StringSchema().description("alias: the user's earlier id (required)"))
                .addProperty("properties", new ObjectSchema().description("track, page, screen: what describes the "
                        + "event; properties.module counts usage of a product module"))
                .addProperty("traits", new ObjectSchema().description("identify, group: what describes the user or "
                        + "the account"))
                .addProperty("context", new ObjectSchema().description("context.groupId ties the call to an account"))
                .addProperty("timestamp", new DateTimeSchema().description("When it happened, taken as is (history)"))
                .addProperty("originalTimestamp", new DateTimeSchema().description("When it happened by the device's "
                        + "clock, corrected with sentAt"))
                .addProperty("sentAt", new DateTimeSchema().description("When the device sent it"))
                .addProperty("messageId", new StringSchema().description("Counted once per write key, however often "
                        + "it is retried"))
                .addProperty("writeKey", new StringSchema().description("The write key, when not sent as HTTP Basic"));
    }

    private static Schema<?> batchSchema() {
        return new ObjectSchema()
                .description("Calls sent together (each with its type), at most 500 KB; all are stored or none")
                .addProperty("batch", new ArraySchema().items(new Schema<>().$ref("#/components/schemas/TrackingCall")))
                .addProperty("context", new ObjectSchema().description("Merged into each call's context (the call's own "
                        + "keys win)"))
                .addProperty("sentAt", new DateTimeSchema().description("For the calls without their own"))
                .addProperty("writeKey", new StringSchema().description("The write key, when not sent as HTTP Basic"))
                .required(List.of("batch"));
    }

    private static Map<String, Object> ordered(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }
}
