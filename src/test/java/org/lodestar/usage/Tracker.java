package org.lodestar.usage;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.zip.GZIPOutputStream;

import org.lodestar.ApiClient;

/** Sends Segment tracking calls to a running Lodestar over HTTP, the way a Segment library does. */
public final class Tracker {

    private final HttpClient http = HttpClient.newHttpClient();
    private final String base;
    private final String writeKey;

    public Tracker(int port, String writeKey) {
        this.base = "http://localhost:" + port;
        this.writeKey = writeKey;
    }

    public ApiClient.Response send(String call, String json) {
        return send(call, json.getBytes(StandardCharsets.UTF_8), false);
    }

    public ApiClient.Response sendGzipped(String call, String json) {
        return send(call, gzip(json.getBytes(StandardCharsets.UTF_8)), true);
    }

    public ApiClient.Response send(String call, byte[] body, boolean gzipped) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + "/v1/" + call))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (writeKey != null) {
            request.header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString((writeKey + ":").getBytes(StandardCharsets.UTF_8)));
        }
        if (gzipped) {
            request.header("Content-Encoding", "gzip");
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new ApiClient.Response(response.statusCode(), response.body(),
                    response.headers().firstValue("Content-Type").orElse(""));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static byte[] gzip(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream zip = new GZIPOutputStream(out)) {
            zip.write(bytes);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toByteArray();
    }
}
