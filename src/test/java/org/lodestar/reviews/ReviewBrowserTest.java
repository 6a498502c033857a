package org.lodestar.reviews;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.LocalDate;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.lodestar.ApiClient;
import org.lodestar.Book;
import org.lodestar.Chromium;
import org.lodestar.LodestarTest;
import org.lodestar.TestClock;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

/** The Review tab in a real headless Chromium: a stated figure that does not add up is named, then fixed. */
@Tag("slow")
@LodestarTest
@Import(TestClock.Config.class)
class ReviewBrowserTest {

    private static WebDriver browser;

    @LocalServerPort
    int port;
    @Autowired
    Book book;
    @Autowired
    TestClock clock;
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
        clock.setDay(LocalDate.of(2027, 1, 5));
        book.empty();
        wait = Chromium.freshSession(browser);
        ApiClient api = new ApiClient(port, LodestarTest.ADMIN_TOKEN);
        acme = api.post("/api/accounts", "{\"externalId\":\"B-1\",\"name\":\"Acme Rockets\",\"owner\":\""
                + LodestarTest.ADMIN_EMAIL + "\"}").json().get("id").asLong();
        api.post("/api/accounts/" + acme + "/subscriptions", "{\"externalId\":\"B-S1\",\"startDate\":\"2026-01-01\","
                + "\"endDate\":\"2027-06-01\",\"lineItems\":[{\"plan\":\"growth\",\"seats\":10,\"arr\":24000}]}");
    }

    @Test
    void aStatedFigureThatDoesNotAddUpIsNamedUntilItIsFixed() {
        browser.get("http://localhost:" + port + "/login");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("username"))).sendKeys(LodestarTest.ADMIN_EMAIL);
        browser.findElement(By.id("password")).sendKeys(LodestarTest.ADMIN_PASSWORD);
        browser.findElement(By.id("sign-in")).click();
        wait.until(d -> !d.getCurrentUrl().contains("/login"));
        browser.get("http://localhost:" + port + "/accounts/" + acme + "?tab=review");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("review-checked")));

        WebElement row = browser.findElement(By.id("review-figure-new"));
        row.findElement(By.name("figureLabel")).sendKeys("Hours saved");
        row.findElement(By.name("figureUnit")).sendKeys("hours");
        row.findElement(By.name("figureStated")).sendKeys("500");
        row.findElement(By.name("figureParts")).sendKeys("Finance: 200\nOps: 250");
        browser.findElement(By.id("review-save")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("review-mismatches")));
        assertThat(browser.findElement(By.id("review-mismatches")).getText())
                .contains("Hours saved: stated 500 hours, but its parts sum to 450 (Finance 200 + Ops 250)");
        assertThat(browser.findElements(By.id("review-pdf"))).isEmpty();
        Chromium.screenshot(browser, "review-refused");

        WebElement stated = browser.findElement(By.cssSelector("#review-figure-0 input[name=figureStated]"));
        stated.clear();
        stated.sendKeys("450");
        browser.findElement(By.id("review-save")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("review-pdf")));
        assertThat(browser.findElement(By.id("review-checked")).getText())
                .startsWith("5 totals checked against their parts: all add up.");
        Chromium.screenshot(browser, "review-saved");
    }
}
