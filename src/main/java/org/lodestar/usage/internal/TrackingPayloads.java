package org.lodestar.usage.internal;

import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.lodestar.infrastructure.StrictValues;
import org.lodestar.usage.TrackedMessage;
import org.lodestar.usage.TrackingRejected;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads bodies of Segment's HTTP Tracking API: single calls ({@code /v1/track} and the rest) and
 * batches ({@code /v1/batch}, {@code /v1/import}). Batch-level {@code context} is merged into each
 * item (the item's own keys win) and batch-level {@code sentAt} applies to items without one.
 * <p>
 * When an event happened: an explicit {@code timestamp} is taken as is (that is how history is
 * imported); an {@code originalTimestamp} with a {@code sentAt} is corrected for the client's clock
 * skew, {@code receivedAt - (sentAt - originalTimestamp)}; an {@code originalTimestamp} alone is taken
 * as is; with none, the event happened when it was received.
 */
public final class TrackingPayloads {

    /** Segment's limit for one event, which Lodestar keeps. */
    static final int EVENT_LIMIT = 32 * 1024;
    /** Segment's limit for one batch request, which Lodestar keeps. */
    static final int BATCH_LIMIT = 500 * 1024;
    static final Set<String> CALLS = Set.of("track", "identify", "group", "page", "screen", "alias");
    private static final int ID_LIMIT = 200;
    private static final int NAME_LIMIT = 200;
    private static final int MODULE_LIMIT = 100;

    /** What a request body said: the write key if the body carried one, and the calls in order. */
    public record Parsed(String writeKey, List<TrackedMessage> messages) {
    }

    private final JsonMapper json;

    public TrackingPayloads(JsonMapper json) {
        this.json = json;
    }

    /**
     * Reads the body of a request to {@code /v1/<call>}.
     *
     * @param call track, identify, group, page, screen, alias, batch or import
     * @throws TrackingRejected naming where the body is wrong and what was expected
     */
    public Parsed read(String call, byte[] body, Instant receivedAt) {
        if (body.length > BATCH_LIMIT) {
            throw TrackingRejected.tooLarge(null, "the body has " + body.length + " bytes; the limit is 500 KB ("
                    + BATCH_LIMIT + " bytes) a request");
        }
        boolean batch = "batch".equals(call) || "import".equals(call);
        Batch asSent = batch ? readBatch(body) : null;
        JsonNode root;
        try {
            root = asSent != null ? asSent.root() : StrictValues.readTree(json, body);
        } catch (JacksonException e) {
            throw new TrackingRejected(null, "the body is not valid JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new TrackingRejected(null, "the body must be a JSON object");
        }
        if (mayHoldRefusedText(body)) {
            StrictValues.textProblems(root, null).stream().findFirst().ifPresent(problem -> {
                throw new TrackingRejected(problem.field(), problem.reason());
            });
        }
        String writeKey = optionalText(root, "writeKey", null, ID_LIMIT);
        if (!batch) {
            if (body.length > EVENT_LIMIT) {
                throw tooLarge(null, body.length);
            }
            return new Parsed(writeKey, List.of(message(call, (ObjectNode) root, null, null, null, receivedAt, null)));
        }
        JsonNode items = root.get("batch");
        if (items == null || !items.isArray()) {
            throw new TrackingRejected("batch", "expected an array of calls");
        }
        JsonNode context = root.get("context");
        if (context != null && !context.isNull() && !context.isObject()) {
            throw new TrackingRejected("context", "expected an object");
        }
        Instant sentAt = instant(root, "sentAt", null);
        List<TrackedMessage> messages = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            String where = "batch[" + i + "]";
            JsonNode item = items.get(i);
            if (!item.isObject()) {
                throw new TrackingRejected(where, "expected an object (one call)");
            }
            String type = optionalText(item, "type", where, ID_LIMIT);
            if (type == null || !CALLS.contains(type)) {
                throw new TrackingRejected(where + ".type", "expected one of identify, track, page, screen, group, "
                        + "alias" + (type == null ? "" : "; got '" + type + "'"));
            }
            messages.add(message(type, (ObjectNode) item, where, (ObjectNode) (context == null || context.isNull()
                    ? null : context), sentAt, receivedAt, asSent == null ? null : asSent.item(body, i)));
        }
        return new Parsed(writeKey, messages);
    }

    /**
     * A batch body read item by item, with where each item's text starts and ends in the body, so that
     * an item kept as it came is stored as sent instead of written out again.
     */
    private record Batch(ObjectNode root, long[] starts, long[] ends) {

        /** Item {@code i} as sent. */
        Sent item(byte[] body, int i) {
            int bytes = (int) (ends[i] - starts[i]);
            return new Sent(new String(body, (int) starts[i], bytes, StandardCharsets.UTF_8), bytes);
        }
    }

    /** A call's text as sent and its length in bytes. */
    private record Sent(String text, int bytes) {
    }

    /**
     * The body as {@link StrictValues#readTree} reads it, with its batch items' places in the body; null
     * when the body is anything but one object with one batch array, and then the full reader says what
     * is wrong, as it always has.
     */
    private Batch readBatch(byte[] body) {
        // Each part is read on its own, so what follows a part is the next part, not trailing content.
        ObjectReader reader = StrictValues.reader(json).without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        try (JsonParser parser = reader.createParser(body)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            ObjectNode root = json.createObjectNode();
            long[] starts = null;
            long[] ends = null;
            while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                if (root.has(name) || value == null) {
                    return null;
                }
                if (!"batch".equals(name) || value != JsonToken.START_ARRAY) {
                    root.set(name, reader.readTree(parser));
                    continue;
                }
                ArrayNode items = root.putArray(name);
                List<long[]> places = new ArrayList<>();
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    long start = parser.currentTokenLocation().getByteOffset();
                    items.add((JsonNode) reader.readTree(parser));
                    places.add(new long[] { start, parser.currentLocation().getByteOffset() });
                }
                starts = places.stream().mapToLong(place -> place[0]).toArray();
                ends = places.stream().mapToLong(place -> place[1]).toArray();
            }
            if (parser.currentToken() != JsonToken.END_OBJECT || parser.nextToken() != null || starts == null) {
                return null;
            }
            return new Batch(root, starts, ends);
        } catch (JacksonException | ClassCastException e) {
            return null;
        }
    }

    /**
     * Whether the body may hold text that {@link StrictValues#textProblem} refuses. A NUL or a lone
     * surrogate gets into JSON text only as a backslash-u escape, a NUL byte, or the bytes UTF-8 would
     * give a surrogate (ED A0 to ED BF); a body with none of these needs no walk through its every text.
     */
    static boolean mayHoldRefusedText(byte[] body) {
        // Read as Latin-1 (one char a byte) so that the searches run at the speed of String.indexOf.
        String bytes = new String(body, StandardCharsets.ISO_8859_1);
        return bytes.indexOf(0) >= 0 || bytes.indexOf(0xED) >= 0 || bytes.indexOf("\\u") >= 0;
    }

    /**
     * One call. {@code asSent} is its text in the body (null for single calls); it is stored as is when
     * nothing is added or taken away, which also keeps its numbers exactly as sent.
     */
    private TrackedMessage message(String type, ObjectNode item, String where, ObjectNode batchContext,
            Instant batchSentAt, Instant receivedAt, Sent asSent) {
        ObjectNode call = item;
        boolean unchanged = asSent != null && batchContext == null && !call.has("writeKey") && call.has("type");
        // The write key authenticates the request; it is never stored with the event.
        call.remove("writeKey");
        JsonNode ownContext = call.get("context");
        if (ownContext != null && !ownContext.isNull() && !ownContext.isObject()) {
            throw new TrackingRejected(field(where, "context"), "expected an object");
        }
        if (batchContext != null) {
            ObjectNode merged = batchContext.deepCopy();
            if (ownContext != null && ownContext.isObject()) {
                merged.setAll((ObjectNode) ownContext);
            }
            call.set("context", merged);
        }
        String messageId = optionalText(call, "messageId", where, ID_LIMIT);
        if (messageId == null) {
            // Without an id a retry cannot be recognised; the call still counts, once per request.
            messageId = "lodestar-" + UUID.randomUUID();
        }
        String userId = optionalText(call, "userId", where, ID_LIMIT);
        String anonymousId = optionalText(call, "anonymousId", where, ID_LIMIT);
        if (userId == null && anonymousId == null) {
            throw new TrackingRejected(field(where, "userId"), "every call needs a userId or an anonymousId");
        }
        String event = switch (type) {
            case "track" -> requiredName(call, "event", where);
            case "page", "screen" -> optionalName(call, "name", where, NAME_LIMIT);
            default -> null;
        };
        String groupId = "group".equals(type) ? requiredText(call, "groupId", where, ID_LIMIT)
                : optionalText(call.path("context"), "groupId", field(where, "context"), ID_LIMIT);
        if ("alias".equals(type)) {
            requiredText(call, "previousId", where, ID_LIMIT);
        }
        String module = null;
        JsonNode properties = call.get("properties");
        if (properties != null && !properties.isNull()) {
            if (!properties.isObject()) {
                throw new TrackingRejected(field(where, "properties"), "expected an object");
            }
            module = "track".equals(type) ? optionalName(properties, "module", field(where, "properties"), MODULE_LIMIT)
                    : null;
        }
        String traits = null;
        JsonNode traitsNode = call.get("traits");
        if (traitsNode != null && !traitsNode.isNull()) {
            if (!traitsNode.isObject()) {
                throw new TrackingRejected(field(where, "traits"), "expected an object");
            }
            traits = json.writeValueAsString(traitsNode);
        }
        Instant occurred = occurredAt(call, where, batchSentAt, receivedAt);
        if (!call.has("type")) {
            call.put("type", type);
        }
        String payload = unchanged ? asSent.text() : json.writeValueAsString(call);
        int bytes = unchanged ? asSent.bytes() : payload.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > EVENT_LIMIT) {
            throw tooLarge(where, bytes);
        }
        String userKey = userId != null ? userId : "anonymous:" + anonymousId;
        return new TrackedMessage(type, messageId, event, module, userKey, groupId, occurred, traits, payload);
    }

    private static Instant occurredAt(JsonNode call, String where, Instant batchSentAt, Instant receivedAt) {
        // All three are read, so a malformed one is refused even when another decides.
        Instant timestamp = instant(call, "timestamp", where);
        Instant original = instant(call, "originalTimestamp", where);
        Instant sentAt = instant(call, "sentAt", where);
        if (timestamp != null) {
            return timestamp;
        }
        if (sentAt == null) {
            sentAt = batchSentAt;
        }
        if (original == null) {
            return receivedAt;
        }
        if (sentAt == null) {
            return original;
        }
        Instant corrected = receivedAt.minus(Duration.between(original, sentAt));
        if (!StrictValues.storable(corrected)) {
            throw new TrackingRejected(field(where, "originalTimestamp"), "is " + Duration.between(original, sentAt)
                    .toDays() + " days before sentAt, which puts the event outside the years 0001 to 9999");
        }
        return corrected;
    }

    private static TrackingRejected tooLarge(String where, int bytes) {
        return TrackingRejected.tooLarge(where, "the event has " + bytes + " bytes; the limit is 32 KB (" + EVENT_LIMIT
                + " bytes) an event");
    }

    private static String field(String where, String name) {
        return where == null ? name : where + "." + name;
    }

    private static Instant instant(JsonNode node, String name, String where) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isString()) {
            throw new TrackingRejected(field(where, name), "expected an ISO-8601 date-time such as "
                    + "2026-11-22T09:30:00Z");
        }
        Instant usual = utcInstant(value.stringValue());
        if (usual != null && StrictValues.storable(usual)) {
            return usual;
        }
        try {
            return StrictValues.timestamp(value.stringValue());
        } catch (IllegalArgumentException e) {
            throw new TrackingRejected(field(where, name), e.getMessage());
        }
    }

    /**
     * The usual form of a tracked instant, such as 2026-11-22T09:30:00Z or 2026-11-22T09:30:00.123Z,
     * read without a formatter (a batch has hundreds); null for any other form, which
     * {@link StrictValues#timestamp} reads and judges as before.
     */
    static Instant utcInstant(String text) {
        int length = text.length();
        if (length < 20 || length == 21 || length > 30 || text.charAt(4) != '-' || text.charAt(7) != '-'
                || text.charAt(10) != 'T' || text.charAt(13) != ':' || text.charAt(16) != ':'
                || text.charAt(length - 1) != 'Z' || length > 20 && text.charAt(19) != '.') {
            return null;
        }
        int nanos = 0;
        if (length > 20) {
            nanos = digits(text, 20, length - 1);
            for (int digit = length - 21; digit < 9 && nanos >= 0; digit++) {
                nanos *= 10;
            }
        }
        int year = digits(text, 0, 4);
        int month = digits(text, 5, 7);
        int day = digits(text, 8, 10);
        int hour = digits(text, 11, 13);
        int minute = digits(text, 14, 16);
        int second = digits(text, 17, 19);
        if (nanos < 0 || year < 0 || month < 0 || day < 0 || hour < 0 || minute < 0 || second < 0) {
            return null;
        }
        try {
            return LocalDateTime.of(year, month, day, hour, minute, second, nanos).toInstant(ZoneOffset.UTC);
        } catch (DateTimeException e) {
            return null;
        }
    }

    /** The number the decimal digits from {@code from} to {@code to} spell, or -1 when one is not a digit. */
    private static int digits(String text, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    /** An event or page name: a string, never a number (ids may be numbers, names may not). */
    private static String requiredName(JsonNode node, String name, String where) {
        return required(optionalName(node, name, where, NAME_LIMIT), name, where);
    }

    private static String optionalName(JsonNode node, String name, String where, int limit) {
        JsonNode value = node.get(name);
        if (value != null && !value.isNull() && !value.isString()) {
            throw new TrackingRejected(field(where, name), "expected a string, got " + (value.isNumber() ? "a number"
                    : value.isBoolean() ? "a boolean" : value.isArray() ? "a list" : "an object"));
        }
        return optionalText(node, name, where, limit);
    }

    private static String requiredText(JsonNode node, String name, String where, int limit) {
        return required(optionalText(node, name, where, limit), name, where);
    }

    private static String required(String value, String name, String where) {
        if (value == null) {
            throw new TrackingRejected(field(where, name), "is required");
        }
        return value;
    }

    /** A string (or a number, which Segment's clients send for ids), trimmed; null when absent or blank. */
    private static String optionalText(JsonNode node, String name, String where, int limit) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        String text;
        if (value.isString()) {
            text = value.stringValue().trim();
        } else if (value.isIntegralNumber()) {
            text = value.asString();
        } else {
            throw new TrackingRejected(field(where, name), "expected a string");
        }
        if (text.length() > limit) {
            throw new TrackingRejected(field(where, name), "must be at most " + limit + " characters, got "
                    + text.length());
        }
        return text.isEmpty() ? null : text;
    }
}
