package org.lodestar.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.lodestar.ApiClient;
import org.lodestar.Book;
import org.lodestar.Chromium;
import org.lodestar.LodestarTest;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The API explorer works for someone signed in to Lodestar, with no token: "Try it out" of a read and of a change
 * (the change carries the session's CSRF token) both succeed, and the change is really made.
 */
@Tag("slow")
@LodestarTest
class SwaggerBrowserTest {

    private static WebDriver browser;

    @LocalServerPort
    int port;
    @Autowired
    Book book;
    WebDriverWait wait;

    @BeforeAll
    static void startBrowser() throws IOException {
        browser = Chromium.start(1400, 1000);
    }

    @AfterAll
    static void stopBrowser() {
        Chromium.stop(browser);
    }

    @BeforeEach
    @AfterEach
    void emptyBook() {
        book.empty();
    }

    @Test
    void aSignedInAdminTriesAReadAndAChangeFromTheExplorer() {
        wait = Chromium.freshSession(browser);
        browser.get("http://localhost:" + port + "/book");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("username"))).sendKeys(LodestarTest.ADMIN_EMAIL);
        browser.findElement(By.id("password")).sendKeys(LodestarTest.ADMIN_PASSWORD);
        browser.findElement(By.id("sign-in")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("book-table")));

        browser.findElement(By.linkText("API")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".info .title"), "Lodestar API"));
        // The tracking API is listed beside /api, under its own tag.
        assertThat(wait.until(ExpectedConditions.presenceOfElementLocated(By.id("operations-tag-Tracking"))).getText())
                .startsWith("Tracking");

        assertThat(tryOut("List accounts")).startsWith("200 ");
        // The change's body is the document's example: the account A-1001, Acme Rockets.
        assertThat(tryOut("Create an account")).startsWith("201 ");
        Chromium.screenshot(browser, "swagger-try-it-out");

        ApiClient api = new ApiClient(port, LodestarTest.ADMIN_TOKEN);
        assertThat(api.get("/api/accounts?q=acme").json().get("accounts").get(0).get("externalId").asString())
                .isEqualTo("A-1001");
    }

    /** Opens the operation of that summary, presses "Try it out" then "Execute": the status and body shown. */
    private String tryOut(String summary) {
        WebElement operation = wait.until(ExpectedConditions.presenceOfElementLocated(By.xpath(
                "//div[contains(@class,'opblock ')][.//div[contains(@class,'opblock-summary-description') and "
                        + "normalize-space()='" + summary + "']]")));
        operation.findElement(By.cssSelector(".opblock-summary")).click();
        wait.until(d -> !operation.findElements(By.cssSelector(".try-out__btn")).isEmpty());
        operation.findElement(By.cssSelector(".try-out__btn")).click();
        wait.until(d -> !operation.findElements(By.cssSelector(".execute")).isEmpty());
        operation.findElement(By.cssSelector(".execute")).click();
        By status = By.cssSelector(".live-responses-table .response .response-col_status");
        wait.until(d -> !operation.findElements(status).isEmpty());
        // The status, and what came with it to explain a failure.
        return operation.findElement(status).getText().strip().split("\\s+")[0] + " "
                + operation.findElement(By.cssSelector(".live-responses-table .response .response-col_description"))
                        .getText();
    }
}
