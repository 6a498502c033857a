package org.lodestar.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import org.lodestar.ApiClient;
import org.lodestar.LodestarTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * While the demo book is generated nobody signs in to half a book: pages show the progress, sign-ins and API calls are
 * refused with 503 and Retry-After, the readiness probe says not ready. The generation is held at a step here by
 * setting the progress the generator would set.
 */
@LodestarTest
class DemoGateTest {

    @LocalServerPort
    int port;

    @Autowired
    DemoProgress progress;

    @Test
    void pagesWaitAndSignInsAreRefusedUntilTheBookIsReady() throws Exception {
        progress.begin();
        try {
            progress.step(2);
            progress.within(150, 380);
            // Step 1's share is 1%, step 2's is 21%: 1 + 21 × 150/380 = 9.29, shown as 9%.
            HttpResponse<String> login = send("GET", "/login", "text/html", null);
            assertThat(login.statusCode()).isEqualTo(503);
            assertThat(login.headers().firstValue("Retry-After")).hasValue("5");
            assertThat(login.body()).contains("Lodestar is generating the demo book", "9%",
                    "step 2 of 8: Writing the accounts", "(150 of 380)", "hx-get=\"/demo/progress\"")
                    .doesNotContain("id=\"sign-in\"");
            assertThat(send("GET", "/today", "text/html", null).statusCode()).isEqualTo(503);

            HttpResponse<String> signIn = send("POST", "/login", "text/html",
                    "username=" + LodestarTest.ADMIN_EMAIL + "&password=" + LodestarTest.ADMIN_PASSWORD);
            assertThat(signIn.statusCode()).isEqualTo(503);
            assertThat(signIn.headers().firstValue("Set-Cookie")).isEmpty();

            ApiClient.Response api = new ApiClient(port, LodestarTest.ADMIN_TOKEN).get("/api/accounts");
            assertThat(api.status()).isEqualTo(503);
            assertThat(api.contentType()).startsWith("application/problem+json");
            assertThat(api.json().get("detail").asString()).contains("generating the demo book", "step 2 of 8", "9%)");

            ApiClient.Response status = new ApiClient(port, null).get("/demo/progress");
            assertThat(status.status()).isEqualTo(200);
            assertThat(status.json().get("ready").asBoolean()).isFalse();
            assertThat(status.json().get("step").asInt()).isEqualTo(2);
            assertThat(status.json().get("steps").asInt()).isEqualTo(8);
            assertThat(status.json().get("done").asInt()).isEqualTo(150);
            assertThat(status.json().get("total").asInt()).isEqualTo(380);
            assertThat(status.json().get("percent").asInt()).isEqualTo(9);

            HttpResponse<String> fragment = send("GET", "/demo/progress", "text/html", null, "HX-Request", "true");
            assertThat(fragment.body()).startsWith("<section id=\"demo-progress\"").contains("step 2 of 8");

            assertThat(new ApiClient(port, null).get("/actuator/health/readiness").status()).isEqualTo(503);
            assertThat(new ApiClient(port, null).get("/actuator/health/liveness").status()).isEqualTo(200);
            assertThat(send("GET", "/css/lodestar.css", "text/css", null).statusCode()).isEqualTo(200);

            progress.step(5);
            progress.within(45, 90);
            // Steps 1 to 4 take 1 + 21 + 18 + 14 = 54%, half of step 5's 41% is 20.5: 74.5, shown as 74%.
            assertThat(new ApiClient(port, null).get("/demo/progress").json().get("percent").asInt()).isEqualTo(74);
        } finally {
            progress.ready();
        }
        HttpResponse<String> login = send("GET", "/login", "text/html", null);
        assertThat(login.statusCode()).isEqualTo(200);
        assertThat(login.body()).contains("id=\"sign-in\"");
        assertThat(new ApiClient(port, LodestarTest.ADMIN_TOKEN).get("/api/accounts").status()).isEqualTo(200);
        assertThat(new ApiClient(port, null).get("/demo/progress").json().get("ready").asBoolean()).isTrue();
        HttpResponse<String> reload = send("GET", "/demo/progress", "text/html", null, "HX-Request", "true");
        assertThat(reload.headers().firstValue("HX-Refresh")).hasValue("true");
        assertThat(new ApiClient(port, null).get("/actuator/health/readiness").status()).isEqualTo(200);
    }

    private HttpResponse<String> send(String method, String path, String accept, String form, String... headers)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Accept", accept);
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        request.method(method, form == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(form));
        if (form != null) {
            request.header("Content-Type", "application/x-www-form-urlencoded");
        }
        try (HttpClient client = HttpClient.newHttpClient()) {
            return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        }
    }
}
