package org.lodestar.people;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lodestar.ApiClient;
import org.lodestar.Book;
import org.lodestar.LodestarTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A browser signed in to the UI may call the API with its session (as the API explorer does): a read as it is, a
 * change only with the CSRF token, sent back from the XSRF-TOKEN cookie as X-XSRF-TOKEN. Another site can make the
 * browser send the cookie, never read it.
 */
@LodestarTest
class SessionOnTheApiTest {

    private static final Pattern CSRF_FIELD = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
    private static final String ACCOUNT = "{\"externalId\":\"S-1\",\"name\":\"Session Rockets\"}";

    @LocalServerPort
    int port;
    @Autowired
    Book book;

    private final CookieManager cookies = new CookieManager();
    private final HttpClient http = HttpClient.newBuilder().cookieHandler(cookies).build();

    @BeforeEach
    @AfterEach
    void emptyBook() {
        book.empty();
    }

    @Test
    void aSignedInBrowserReadsWithItsSessionAndChangesOnlyWithTheCsrfToken() throws Exception {
        signIn();

        assertThat(send("GET", "/api/me", null, null).statusCode()).isEqualTo(200);

        HttpResponse<String> forged = send("POST", "/api/accounts", ACCOUNT, null);
        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(forged.body()).contains("CSRF token", "X-XSRF-TOKEN");
        assertThat(new ApiClient(port, LodestarTest.ADMIN_TOKEN).get("/api/accounts?q=session").json()
                .get("accounts")).as("the refused change wrote nothing").isEmpty();

        HttpResponse<String> created = send("POST", "/api/accounts", ACCOUNT, cookie("XSRF-TOKEN"));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(created.body()).contains("\"name\":\"Session Rockets\"");
    }

    @Test
    void withoutASessionTheApiStillAnswers401AndABearerTokenNeedsNoCsrfToken() throws Exception {
        assertThat(send("POST", "/api/accounts", ACCOUNT, null).statusCode()).isEqualTo(401);
        ApiClient.Response created = new ApiClient(port, LodestarTest.ADMIN_TOKEN).post("/api/accounts", ACCOUNT);
        assertThat(created.status()).isEqualTo(201);
    }

    private void signIn() throws Exception {
        Matcher token = CSRF_FIELD.matcher(send("GET", "/login", null, null).body());
        assertThat(token.find()).isTrue();
        String form = "username=" + URLEncoder.encode(LodestarTest.ADMIN_EMAIL, StandardCharsets.UTF_8) + "&password="
                + URLEncoder.encode(LodestarTest.ADMIN_PASSWORD, StandardCharsets.UTF_8) + "&_csrf=" + token.group(1);
        HttpResponse<String> signedIn = http.send(HttpRequest.newBuilder(URI.create(base() + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(signedIn.statusCode()).isEqualTo(302);
        // Signing in starts a new session and a new CSRF token: a page issues its cookie.
        assertThat(send("GET", "/today", null, null).statusCode()).isEqualTo(200);
    }

    private String cookie(String name) {
        return cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals(name))
                .map(HttpCookie::getValue).findFirst().orElseThrow(() -> new AssertionError("no cookie " + name));
    }

    private HttpResponse<String> send(String method, String path, String json, String csrf)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base() + path));
        if (csrf != null) {
            request.header("X-XSRF-TOKEN", csrf);
        }
        if (json == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json));
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private String base() {
        return "http://localhost:" + port;
    }
}
