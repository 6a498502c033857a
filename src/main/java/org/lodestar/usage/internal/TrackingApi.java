package org.lodestar.usage.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

import org.lodestar.usage.TrackingRejected;
import org.lodestar.usage.WriteKeys;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.swagger.v3.oas.annotations.Hidden;
import tools.jackson.databind.json.JsonMapper;

/**
 * Segment's HTTP Tracking API on Lodestar's own server, so any Segment or RudderStack library can
 * send here: {@code POST /v1/track|identify|group|page|screen|alias|batch|import}, authenticated by a
 * write key as the Basic user name with an empty password (or {@code writeKey} in the body), gzip
 * bodies accepted. Answers 200 {@code {"success":true}} only once the calls are committed (requests
 * arriving together share a transaction, see {@link IngestQueue}); 400 with
 * where and what is wrong; 401 for a missing, unknown or revoked key.
 */
@RestController
@Hidden
class TrackingApi {

    private final TrackingPayloads payloads;
    private final WriteKeys writeKeys;
    private final IngestQueue queue;
    private final Clock clock;
    private final Map<Rejection, Counter> rejections = new EnumMap<>(Rejection.class);

    /** Why a request was refused, as {@code lodestar.events.rejected} counts it (a request, whatever calls it held). */
    enum Rejection {
        /** Not JSON, not gzip, a call without its required fields, a value of the wrong type. */
        INVALID,
        /** A body over 500 KB or an event over 32 KB. */
        TOO_LARGE,
        NO_WRITE_KEY,
        /** A write key unknown or revoked. */
        UNKNOWN_WRITE_KEY;

        String tag() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    TrackingApi(JsonMapper json, WriteKeys writeKeys, IngestQueue queue, Clock clock, MeterRegistry meters) {
        this.payloads = new TrackingPayloads(json);
        this.writeKeys = writeKeys;
        this.queue = queue;
        this.clock = clock;
        for (Rejection reason : Rejection.values()) {
            rejections.put(reason, Counter.builder("lodestar.events.rejected").tag("reason", reason.tag())
                    .description("Tracking API requests refused, by reason").register(meters));
        }
    }

    // Segment's Java client posts to /v1/import/, with the slash.
    @PostMapping({ "/v1/{call:track|identify|group|page|screen|alias|batch|import}",
            "/v1/{call:track|identify|group|page|screen|alias|batch|import}/" })
    ResponseEntity<?> receive(@PathVariable String call, HttpServletRequest request) throws IOException {
        Instant receivedAt = clock.instant();
        byte[] body;
        try {
            body = body(request);
        } catch (TrackingRejected e) {
            return rejected(e, request);
        }
        String headerKey = basicUser(request.getHeader(HttpHeaders.AUTHORIZATION));
        OptionalLong writeKey = headerKey == null ? OptionalLong.empty() : writeKeys.authenticate(headerKey);
        if (headerKey != null && writeKey.isEmpty()) {
            return unknownKey(request);
        }
        TrackingPayloads.Parsed parsed;
        try {
            parsed = payloads.read(call, body, receivedAt);
        } catch (TrackingRejected e) {
            return rejected(e, request);
        }
        if (headerKey == null) {
            if (parsed.writeKey() == null) {
                return rejected(Rejection.NO_WRITE_KEY, HttpStatus.UNAUTHORIZED, "No write key: send it as the HTTP Basic "
                        + "user name with an empty password, or as writeKey in the body", request);
            }
            writeKey = writeKeys.authenticate(parsed.writeKey());
            if (writeKey.isEmpty()) {
                return unknownKey(request);
            }
        }
        try {
            queue.submit(writeKey.getAsLong(), parsed.messages(), receivedAt).join();
        } catch (java.util.concurrent.CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(Map.of("success", true));
    }

    /** The body, un-gzipped when it says so, refused past Segment's batch limit. */
    private static byte[] body(HttpServletRequest request) throws IOException {
        String encoding = request.getHeader(HttpHeaders.CONTENT_ENCODING);
        boolean gzip = encoding != null && encoding.trim().equalsIgnoreCase("gzip");
        if (encoding != null && !encoding.isBlank() && !gzip && !encoding.trim().equalsIgnoreCase("identity")) {
            throw new TrackingRejected(null, "Content-Encoding '" + encoding + "' is not supported; send gzip or "
                    + "no encoding");
        }
        if (!gzip && request.getContentLengthLong() > TrackingPayloads.BATCH_LIMIT) {
            throw tooLarge();
        }
        InputStream in = request.getInputStream();
        try {
            if (gzip) {
                in = new GZIPInputStream(in);
            }
            byte[] body = in.readNBytes(TrackingPayloads.BATCH_LIMIT + 1);
            if (body.length > TrackingPayloads.BATCH_LIMIT) {
                throw tooLarge();
            }
            return body;
        } catch (ZipException | java.io.EOFException e) {
            throw new TrackingRejected(null, "the body says Content-Encoding: gzip but is not valid gzip ("
                    + e.getMessage() + ")");
        }
    }

    private static TrackingRejected tooLarge() {
        return TrackingRejected.tooLarge(null, "the body is over 500 KB (" + TrackingPayloads.BATCH_LIMIT
                + " bytes), the limit a request; send smaller batches");
    }

    /** The user name of HTTP Basic credentials (the write key), or null when there are none. */
    static String basicUser(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
        int colon = decoded.indexOf(':');
        String user = colon < 0 ? decoded : decoded.substring(0, colon);
        return user.isBlank() ? null : user;
    }

    private ResponseEntity<ProblemDetail> unknownKey(HttpServletRequest request) {
        return rejected(Rejection.UNKNOWN_WRITE_KEY, HttpStatus.UNAUTHORIZED, "Unknown or revoked write key", request);
    }

    private ResponseEntity<ProblemDetail> rejected(TrackingRejected rejected, HttpServletRequest request) {
        return rejected(rejected.tooLarge() ? Rejection.TOO_LARGE : Rejection.INVALID, HttpStatus.BAD_REQUEST,
                rejected.getMessage(), request);
    }

    private ResponseEntity<ProblemDetail> rejected(Rejection reason, HttpStatus status, String detail,
            HttpServletRequest request) {
        rejections.get(reason).increment();
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(status == HttpStatus.BAD_REQUEST ? "Tracking call rejected" : "Write key required");
        problem.setInstance(java.net.URI.create(request.getRequestURI()));
        problem.setProperty("success", false);
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }
}
