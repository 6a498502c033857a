package org.lodestar.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import org.lodestar.LodestarTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Behind a reverse proxy that ends TLS (docs/operations.md), redirects name the address people use: the proxy's
 * X-Forwarded-* headers give the scheme, host and port. The test's requests come from the loopback address, which
 * Tomcat trusts as a proxy, as it would a proxy on the same host.
 */
@LodestarTest
class ForwardedHeadersTest {

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void aRedirectBehindTheProxyKeepsHttpsAndThePublicHost() throws Exception {
        HttpResponse<Void> answer = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/today"))
                .header("X-Forwarded-Proto", "https").header("X-Forwarded-Host", "cs.example.com")
                .header("X-Forwarded-Port", "443").header("X-Forwarded-For", "203.0.113.7").GET().build(),
                HttpResponse.BodyHandlers.discarding());
        assertThat(answer.statusCode()).isEqualTo(302);
        assertThat(answer.headers().firstValue("Location")).hasValue("https://cs.example.com/login");
    }

    @Test
    void withoutAProxyTheRedirectIsToWhereTheRequestCame() throws Exception {
        HttpResponse<Void> answer = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/today")).GET()
                .build(), HttpResponse.BodyHandlers.discarding());
        assertThat(answer.statusCode()).isEqualTo(302);
        assertThat(answer.headers().firstValue("Location")).hasValue("http://127.0.0.1:" + port + "/login");
    }
}
