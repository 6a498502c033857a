package org.lodestar;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The UI as a browser's forms use it, without a browser: a cookie session, the CSRF token read from
 * the pages and sent with every form, redirects not followed (so a test sees where it is sent).
 */
public final class FormSession {

    private static final Pattern CSRF_FIELD = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
    private static final Pattern CSRF_META = Pattern.compile("<meta name=\"_csrf\" content=\"([^\"]+)\"");

    private final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
    private final String base;
    private String csrf;

    public FormSession(int port) {
        this.base = "http://localhost:" + port;
    }

    /** Signs in through the form; answers where Lodestar sends the browser next (path and query). */
    public String signIn(String email, String password) {
        Matcher token = CSRF_FIELD.matcher(send("GET", "/login", Map.of()).body());
        assertThat(token.find()).as("the sign-in form carries a CSRF token").isTrue();
        csrf = token.group(1);
        HttpResponse<String> answer = send("POST", "/login", Map.of("username", email, "password", password));
        assertThat(answer.statusCode()).isEqualTo(302);
        URI next = URI.create(answer.headers().firstValue("Location").orElseThrow());
        // Signing in starts a new session with a new token: read it from a page.
        Matcher page = CSRF_META.matcher(send("GET", "/today", Map.of()).body());
        csrf = page.find() ? page.group(1) : null;
        return next.getRawPath() + (next.getRawQuery() == null ? "" : "?" + next.getRawQuery());
    }

    /** Opens a page without signing in, as someone given a link does, and keeps the CSRF token of its forms. */
    public HttpResponse<String> open(String path) {
        HttpResponse<String> page = send("GET", path, Map.of());
        Matcher token = CSRF_FIELD.matcher(page.body());
        if (token.find()) {
            csrf = token.group(1);
        }
        return page;
    }

    /** A GET with the parameters as its query, or a form post of them with the CSRF token. */
    public HttpResponse<String> send(String method, String path, Map<String, String> params) {
        return send(method, path, List.copyOf(new LinkedHashMap<>(params).entrySet()));
    }

    /** As {@link #send(String, String, Map)}, with fields that may repeat, as ticked boxes of one name do. */
    public HttpResponse<String> send(String method, String path, List<Map.Entry<String, String>> params) {
        List<Map.Entry<String, String>> form = new ArrayList<>(params);
        boolean get = "GET".equals(method);
        if (!get && csrf != null) {
            form.add(Map.entry("_csrf", csrf));
        }
        StringBuilder encoded = new StringBuilder();
        form.forEach(field -> encoded.append(encoded.isEmpty() ? "" : "&")
                .append(URLEncoder.encode(field.getKey(), StandardCharsets.UTF_8)).append('=')
                .append(URLEncoder.encode(field.getValue(), StandardCharsets.UTF_8)));
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path
                + (get && !encoded.isEmpty() ? "?" + encoded : "")));
        if (get) {
            request.GET();
        } else {
            request.header("Content-Type", "application/x-www-form-urlencoded")
                    .method(method, HttpRequest.BodyPublishers.ofString(encoded.toString()));
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
