package org.lodestar.people;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.lodestar.Chromium;
import org.lodestar.LodestarTest;
import org.lodestar.audit.Actor;
import org.lodestar.audit.Actors;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.OAuth2Config;

/**
 * OpenID Connect sign-in in a real Chromium against a real provider started here (NAV's
 * mock-oauth2-server, with its interactive login form): people are created on first sign-in with the
 * role their groups map to, a later sign-in follows their groups, a disabled user is refused with a
 * reason, and with the password form switched off the sign-in page offers only single sign-on.
 */
@Tag("slow")
@LodestarTest
class SingleSignOnBrowserTest {

    private static final MockOAuth2Server PROVIDER = new MockOAuth2Server(new OAuth2Config(true));
    private static WebDriver browser;

    static {
        PROVIDER.start();
    }

    @DynamicPropertySource
    static void singleSignOn(DynamicPropertyRegistry properties) {
        properties.add("lodestar.sso.issuer-uri", () -> PROVIDER.issuerUrl("acme").toString());
        properties.add("lodestar.sso.client-id", () -> "lodestar");
        properties.add("lodestar.sso.client-secret", () -> "lodestar-secret");
        properties.add("lodestar.sso.roles-claim", () -> "groups");
        properties.add("lodestar.sso.role-map", () -> "cs-team=csm, cs-leads=cs-leader, everyone=read-only");
        properties.add("lodestar.sso.label", () -> "Acme SSO");
        properties.add("lodestar.security.form-login", () -> "false");
    }

    @LocalServerPort
    int port;
    @Autowired
    Users users;
    WebDriverWait wait;

    @BeforeAll
    static void startBrowser() throws IOException {
        browser = Chromium.start(1200, 900);
    }

    @AfterAll
    static void stop() {
        Chromium.stop(browser);
        PROVIDER.shutdown();
    }

    @BeforeEach
    void signedOut() {
        browser.get("http://localhost:" + port + "/login");
        wait = Chromium.freshSession(browser);
    }

    @Test
    void aNewPersonIsCreatedWithTheRoleTheirGroupsMapTo() {
        browser.get("http://localhost:" + port + "/today");
        wait.until(ExpectedConditions.urlContains("/login"));
        assertThat(browser.findElements(By.name("password"))).as("the password form is switched off").isEmpty();
        Chromium.screenshot(browser, "sso-sign-in");
        signInAtProvider("maya", "{\"email\":\"Maya.Lead@acme.example\",\"name\":\"Maya Lead\",\"groups\":[\"everyone\","
                + "\"cs-leads\"]}");
        wait.until(ExpectedConditions.urlContains("/today"));
        assertThat(browser.getPageSource()).contains("Maya Lead");
        User maya = users.findByEmail("maya.lead@acme.example").orElseThrow();
        assertThat(maya.role()).as("the strongest mapped group wins").isEqualTo(Role.LEADER);
        assertThat(maya.name()).isEqualTo("Maya Lead");

        Chromium.freshSession(browser);
        signInAtProvider("maya", "{\"email\":\"maya.lead@acme.example\",\"name\":\"Maya Lead\",\"groups\":[\"cs-team\"]}");
        wait.until(ExpectedConditions.urlContains("/today"));
        assertThat(users.findByEmail("maya.lead@acme.example").orElseThrow().role())
                .as("the role follows the groups at each sign-in").isEqualTo(Role.CSM);
    }

    @Test
    void withoutAMappedGroupThePersonGetsTheDefaultRoleAndADisabledOneIsRefused() {
        signInAtProvider("sam", "{\"email\":\"sam@acme.example\",\"name\":\"Sam Viewer\",\"groups\":[\"finance\"]}");
        wait.until(ExpectedConditions.urlContains("/today"));
        User sam = users.findByEmail("sam@acme.example").orElseThrow();
        assertThat(sam.role()).isEqualTo(Role.READ_ONLY);

        Actors.runAs(Actor.system(), () -> users.setEnabled(sam.id(), false));
        Chromium.freshSession(browser);
        signInAtProvider("sam", "{\"email\":\"sam@acme.example\",\"name\":\"Sam Viewer\"}");
        wait.until(ExpectedConditions.urlContains("sso-failed"));
        assertThat(browser.findElement(By.id("sso-failed")).getText())
                .isEqualTo("Single sign-on did not sign you in: sam@acme.example is disabled in Lodestar; ask an "
                        + "administrator to enable it.");
        Chromium.screenshot(browser, "sso-refused");

        Chromium.freshSession(browser);
        signInAtProvider("nomail", "{\"name\":\"No Mail\"}");
        wait.until(ExpectedConditions.urlContains("sso-failed"));
        assertThat(browser.findElement(By.id("sso-failed")).getText()).contains("sent no email address");
    }

    @Test
    void thePasswordFormIsOffWhenSwitchedOff() throws Exception {
        HttpResponse<String> post = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + port + "/login")).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=" + LodestarTest.ADMIN_EMAIL + "&password="
                        + LodestarTest.ADMIN_PASSWORD)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(post.statusCode()).as("no password sign-in").isIn(403, 405);
        assertThat(post.headers().firstValue("Location")).isEmpty();
    }

    /** From Lodestar's sign-in page through the provider's form, as a person would. */
    private void signInAtProvider(String user, String claims) {
        browser.get("http://localhost:" + port + "/login");
        wait.until(ExpectedConditions.elementToBeClickable(By.id("sso-sign-in")));
        assertThat(browser.findElement(By.id("sso-sign-in")).getText()).isEqualTo("Sign in with Acme SSO");
        browser.findElement(By.id("sso-sign-in")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.name("username")));
        browser.findElement(By.name("username")).sendKeys(user);
        browser.findElement(By.name("claims")).sendKeys(claims);
        browser.findElement(By.cssSelector("input[type=submit]")).click();
    }
}
