package org.lodestar.feedback;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.math.BigDecimal;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.lodestar.ApiClient;
import org.lodestar.Book;
import org.lodestar.Chromium;
import org.lodestar.LodestarTest;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Feature requests in a real headless Chromium: a CSM types a new request on the account page and is shown the alike
 * one while typing; the ranking page draws its chart of ARR at risk and not.
 */
@Tag("slow")
@LodestarTest
class FeatureRequestsBrowserTest {

    private static WebDriver browser;

    @LocalServerPort
    int port;
    @Autowired
    Book book;
    @Autowired
    JdbcClient jdbc;
    WebDriverWait wait;
    long acme;

    @BeforeAll
    static void startBrowser() throws IOException {
        browser = Chromium.start(1400, 1400);
    }

    @AfterAll
    static void stopBrowser() {
        Chromium.stop(browser);
    }

    @BeforeEach
    void seed() {
        book.empty();
        wait = Chromium.freshSession(browser);
        ApiClient api = new ApiClient(port, LodestarTest.ADMIN_TOKEN);
        acme = api.post("/api/accounts", "{\"externalId\":\"B-1\",\"name\":\"Acme Rockets\",\"owner\":\""
                + LodestarTest.ADMIN_EMAIL + "\"}").json().get("id").asLong();
        long bolt = api.post("/api/accounts", "{\"externalId\":\"B-2\",\"name\":\"Bolt\"}").json().get("id").asLong();
        jdbc.sql("update account set arr = ? where id = ?").params(new BigDecimal("120000"), acme).update();
        jdbc.sql("update account set arr = ? where id = ?").params(new BigDecimal("40000"), bolt).update();
        api.post("/api/accounts/" + bolt + "/feature-requests", "{\"title\":\"SSO with Okta\"}");
    }

    private void logIn() {
        browser.get("http://localhost:" + port + "/login");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("username"))).sendKeys(LodestarTest.ADMIN_EMAIL);
        browser.findElement(By.id("password")).sendKeys(LodestarTest.ADMIN_PASSWORD);
        browser.findElement(By.id("sign-in")).click();
        wait.until(d -> !d.getCurrentUrl().contains("/login"));
    }

    @Test
    void aCsmAddsARequestSeesTheAlikeOneAndTheRankingDrawsItsChart() {
        logIn();
        browser.get("http://localhost:" + port + "/accounts/" + acme + "?tab=work");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("add-ask"))).findElement(By.tagName("summary")).click();
        wait.until(ExpectedConditions.elementToBeClickable(By.id("ask-title"))).sendKeys("Okta SSO login");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("similar-requests"), "SSO with Okta"));
        browser.findElement(By.id("ask-words")).sendKeys("Our IT team wants Okta");
        browser.findElement(By.id("ask-submit")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("ask-notice")));
        assertThat(browser.findElement(By.id("ask-notice")).getText())
                .isEqualTo("Recorded: Acme Rockets asks for 'Okta SSO login' (a new request).");
        assertThat(browser.findElement(By.id("account-asks")).getText()).contains("Okta SSO login", "Our IT team wants Okta");

        browser.get("http://localhost:" + port + "/feature-requests");
        wait.until(d -> (Boolean) ((JavascriptExecutor) d).executeScript(
                "return typeof Chart !== 'undefined' && !!Chart.getChart(document.getElementById('requests-chart'))"));
        Object bars = ((JavascriptExecutor) browser).executeScript(
                "const c = Chart.getChart(document.getElementById('requests-chart'));"
                        + "return c.data.labels.join('|') + ' ' + c.data.datasets.map(d => d.label).join('|') + ' '"
                        + " + c.data.labels.map((l, i) => c.data.datasets[0].data[i] + c.data.datasets[1].data[i]).join('/')");
        assertThat(bars).as("each bar stacks the ARR at risk (as health has it) on the rest: the account's ARR")
                .isEqualTo("Okta SSO login|SSO with Okta ARR at risk|ARR not at risk 120000/40000");
        Chromium.screenshot(browser, "feature-requests");
    }
}
