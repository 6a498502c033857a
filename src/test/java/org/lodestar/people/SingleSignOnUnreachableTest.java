package org.lodestar.people;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.lodestar.FormSession;
import org.lodestar.LodestarTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

/**
 * An identity provider that cannot be reached: starting a sign-in sends the person back to the
 * sign-in page with the reason, never to a 500, and the password form still works.
 */
@LodestarTest
@TestPropertySource(properties = { "lodestar.sso.issuer-uri=http://127.0.0.1:9/unreachable",
        "lodestar.sso.client-id=lodestar", "lodestar.sso.label=Acme SSO" })
class SingleSignOnUnreachableTest {

    @LocalServerPort
    int port;

    @Test
    void anUnreachableProviderIsExplainedOnTheSignInPage() {
        FormSession browser = new FormSession(port);
        HttpResponse<String> start = browser.send("GET", "/oauth2/authorization/oidc", Map.of());
        assertThat(start.statusCode()).isEqualTo(302);
        assertThat(start.headers().firstValue("Location").orElseThrow()).endsWith("/login?sso-failed");
        String page = browser.send("GET", "/login?sso-failed", Map.of()).body();
        assertThat(page).contains("Single sign-on did not sign you in: the identity provider at "
                + "http://127.0.0.1:9/unreachable could not be reached or did not describe itself");
        assertThat(page).contains("Sign in with Acme SSO").contains("name=\"password\"");

        assertThat(new FormSession(port).signIn(LodestarTest.ADMIN_EMAIL, LodestarTest.ADMIN_PASSWORD))
                .as("the password form is unaffected").isEqualTo("/");
    }
}
