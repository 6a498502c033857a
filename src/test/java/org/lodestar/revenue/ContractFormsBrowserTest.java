package org.lodestar.revenue;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.lodestar.Book;
import org.lodestar.Chromium;
import org.lodestar.LodestarTest;
import org.lodestar.TestClock;
import org.lodestar.accounts.Account;
import org.lodestar.accounts.AccountDraft;
import org.lodestar.accounts.Accounts;
import org.lodestar.audit.Actor;
import org.lodestar.audit.Actors;
import org.lodestar.people.Role;
import org.lodestar.people.TokenScope;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

/**
 * The contract forms on a phone, 390 px wide, in a real Chromium: a CSM changes a line item's seats from the
 * Contracts tab, and no page of the way is wider than the screen (wide tables scroll in their own box).
 */
@Tag("slow")
@LodestarTest
@Import(TestClock.Config.class)
class ContractFormsBrowserTest {

    private static final String MAYA = "maya@lodestar.test";
    private static final int PHONE = 390;
    private static WebDriver browser;

    @LocalServerPort
    int port;
    @Autowired
    Book book;
    @Autowired
    Accounts accounts;
    @Autowired
    Subscriptions subscriptions;
    @Autowired
    TestClock clock;
    WebDriverWait wait;
    Account acme;

    @BeforeAll
    static void startBrowser() throws IOException {
        browser = Chromium.start(PHONE, 844);
    }

    @AfterAll
    static void stopBrowser() {
        Chromium.stop(browser);
    }

    @BeforeEach
    void seed() {
        clock.setDay(LocalDate.of(2026, 11, 16));
        book.empty();
        book.tokenFor(MAYA, Role.CSM, TokenScope.WRITE);
        wait = Chromium.freshSession(browser);
        acme = Actors.runAs(Actor.system(), () -> accounts.create(new AccountDraft("ACME-1", null, null,
                "Acme Rockets", null, null, null, MAYA, null, null, null)));
        Actors.runAs(Actor.system(), () -> subscriptions.create(acme.id(), new SubscriptionDraft("SUB-ACME-2026",
                LocalDate.of(2026, 1, 1), LocalDate.of(2027, 1, 1), true, List.of(new SubscriptionDraft.Item(
                        "enterprise", "core", 10, new BigDecimal("12000"), null, null)))));
    }

    @Test
    void aCsmChangesSeatsOnAPhone() {
        browser.get(url("/accounts/" + acme.id() + "?tab=contracts"));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("username"))).sendKeys(MAYA);
        browser.findElement(By.id("password")).sendKeys("password-1234");
        browser.findElement(By.id("sign-in")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("add-contract")));
        assertFitsThePhone("contracts-tab-phone");

        browser.findElement(By.cssSelector("[id^=edit-line-item-]")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("line-item-form")));
        assertFitsThePhone("line-item-form-phone");
        browser.findElement(By.id("seats")).clear();
        browser.findElement(By.id("seats")).sendKeys("fifteen");
        browser.findElement(By.id("line-item-save")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("seats-error")));
        assertFitsThePhone("line-item-form-errors-phone");

        browser.findElement(By.id("seats")).clear();
        browser.findElement(By.id("seats")).sendKeys("15");
        browser.findElement(By.id("arr")).clear();
        browser.findElement(By.id("arr")).sendKeys("18000");
        browser.findElement(By.id("line-item-save")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("contract-notice"),
                "Changed enterprise · core of contract SUB-ACME-2026 from 2026-11-16."));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("subscriptions"), "$18,000 ARR today"));
        assertFitsThePhone("contracts-tab-changed-phone");

        browser.get(url("/accounts/" + acme.id() + "/contracts/new"));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("contract-form")));
        assertFitsThePhone("contract-form-phone");
    }

    private void assertFitsThePhone(String screenshot) {
        Chromium.screenshot(browser, screenshot);
        long width = (Long) ((JavascriptExecutor) browser).executeScript(
                "return document.documentElement.scrollWidth;");
        long viewport = (Long) ((JavascriptExecutor) browser).executeScript(
                "return document.documentElement.clientWidth;");
        assertThat(width).as(screenshot + ": the page is no wider than the screen").isLessThanOrEqualTo(viewport);
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }
}
