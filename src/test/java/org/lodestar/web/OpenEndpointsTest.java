package org.lodestar.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import org.lodestar.ApiClient;
import org.lodestar.LodestarTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** What answers without signing in, and that it shows nothing more than it must (README "Open endpoints"). */
@LodestarTest
class OpenEndpointsTest {

    @LocalServerPort
    int port;

    @Test
    void healthShowsOnlyTheStatusToStrangers() {
        ApiClient.Response anonymous = new ApiClient(port, null).get("/actuator/health");
        assertThat(anonymous.status()).isEqualTo(200);
        assertThat(anonymous.json().get("status").asString()).isEqualTo("UP");
        assertThat(anonymous.json().has("components")).as(anonymous.body()).isFalse();

        ApiClient.Response admin = new ApiClient(port, LodestarTest.ADMIN_TOKEN).get("/actuator/health");
        assertThat(admin.json().get("components").has("db")).as(admin.body()).isTrue();
    }

    @Test
    void theErrorPageWithoutASessionIsNoFailure() throws Exception {
        for (String accept : new String[] { "text/html", "application/json" }) {
            HttpResponse<String> error = get("/error", accept);
            assertThat(error.statusCode()).as(accept + ": " + error.body()).isBetween(200, 499);
            assertThat(error.body()).doesNotContain("Exception").doesNotContain("at org.");
        }
    }

    /** The icon a browser asks for on its own, without a session: sent to the one the pages name. */
    @Test
    void theIconIsThereWithoutASignIn() throws Exception {
        HttpResponse<String> ico = get("/favicon.ico", "image/*");
        assertThat(ico.statusCode()).isEqualTo(301);
        assertThat(ico.headers().firstValue("Location")).get().asString().endsWith("/favicon.svg");
        HttpResponse<String> svg = get("/favicon.svg", "image/*");
        assertThat(svg.statusCode()).isEqualTo(200);
        assertThat(svg.body()).contains("<svg");
    }

    @Test
    void everythingElseAsksForASignIn() throws Exception {
        assertThat(get("/today", "text/html").statusCode()).isEqualTo(302);
        assertThat(get("/actuator/prometheus", "text/plain").statusCode()).isEqualTo(302);
        assertThat(get("/login", "text/html").statusCode()).isEqualTo(200);
    }

    @Test
    void aSharedPlanAnswersWithoutASignInAndAnUnknownOneIsNotFound() throws Exception {
        HttpResponse<String> unknown = get("/shared/plans/1.2.3.not-a-signature", "text/html");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).contains("Link not found").doesNotContain("Exception", "Sign in");
    }

    /**
     * The scripts and stylesheet a page names are served (webjars by their version-less path, found when served), and
     * links are written as the template has them.
     */
    @Test
    void thePagesScriptsAndStylesAreServedAndLinksAreWrittenAsTheyAre() throws Exception {
        org.lodestar.FormSession session = new org.lodestar.FormSession(port);
        session.signIn(LodestarTest.ADMIN_EMAIL, LodestarTest.ADMIN_PASSWORD);
        String login = session.send("GET", "/book", java.util.Map.of()).body();
        assertThat(login).as("a link as the template wrote it").contains("href=\"/today\"");
        java.util.regex.Matcher assets = java.util.regex.Pattern.compile("(?:src|href)=\"(/(?:webjars|css|js)/[^\"]+)\"")
                .matcher(login);
        java.util.List<String> found = new java.util.ArrayList<>();
        while (assets.find()) {
            found.add(assets.group(1));
        }
        assertThat(found).contains("/webjars/htmx.org/dist/htmx.min.js", "/webjars/chart.js/dist/chart.umd.min.js",
                "/css/lodestar.css");
        for (String asset : found) {
            HttpResponse<String> served = get(asset, "*/*");
            assertThat(served.statusCode()).as(asset).isEqualTo(200);
            assertThat(served.body()).as(asset).hasSizeGreaterThan(100);
        }
    }

    private HttpResponse<String> get(String path, String accept) throws IOException, InterruptedException {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Accept", accept).build(), HttpResponse.BodyHandlers.ofString());
    }
}
