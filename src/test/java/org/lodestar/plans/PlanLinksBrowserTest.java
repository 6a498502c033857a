package org.lodestar.plans;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

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
import org.lodestar.accounts.StakeholderDraft;
import org.lodestar.accounts.StakeholderRole;
import org.lodestar.accounts.Stakeholders;
import org.lodestar.audit.Actor;
import org.lodestar.audit.Actors;
import org.lodestar.people.Role;
import org.lodestar.people.TokenScope;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

/**
 * A plan shared with the customer, in two real Chromiums: Maya (the CSM, signed in) shares Acme's plan with Jane Doe;
 * Jane opens the link on her phone (390 px, no session, never signed in) and marks the milestone she owns done; Maya's
 * Plan tab shows it done by Jane; Maya revokes the link and Jane's next visit says it was withdrawn.
 */
@Tag("slow")
@LodestarTest
@Import(TestClock.Config.class)
class PlanLinksBrowserTest {

    private static final String MAYA = "maya@lodestar.test";
    private static final int PHONE = 390;
    private static WebDriver csm;
    private static WebDriver customer;

    @LocalServerPort
    int port;
    @Autowired
    Book book;
    @Autowired
    Accounts accounts;
    @Autowired
    Stakeholders stakeholders;
    @Autowired
    SuccessPlans plans;
    @Autowired
    TestClock clock;
    Account acme;
    SuccessPlan plan;
    long admins;
    long kickoff;

    @BeforeAll
    static void startBrowsers() throws IOException {
        csm = Chromium.start(1400, 1000);
        customer = Chromium.start(PHONE, 844);
        // Headless Chromium keeps a window at least 500 px wide: the phone's 390 px are emulated.
        ((ChromeDriver) customer).executeCdpCommand("Emulation.setDeviceMetricsOverride",
                Map.of("width", PHONE, "height", 844, "deviceScaleFactor", 1, "mobile", true));
    }

    @AfterAll
    static void stopBrowsers() {
        Chromium.stop(csm);
        Chromium.stop(customer);
    }

    @BeforeEach
    void seed() {
        clock.setDay(LocalDate.of(2026, 3, 10));
        book.empty();
        book.tokenFor(MAYA, Role.CSM, TokenScope.WRITE);
        acme = Actors.runAs(Actor.system(), () -> accounts.create(new AccountDraft("ACME-1", null, null,
                "Acme Rockets", null, null, null, MAYA, null, null, null)));
        long jane = Actors.runAs(Actor.system(), () -> stakeholders.add(acme.id(), new StakeholderDraft(
                "jane@acme.example", "Jane Doe", "Head of Finance", StakeholderRole.CHAMPION, null, null))).id();
        plan = Actors.runAs(Actor.user(MAYA), () -> plans.create(acme.id(), new PlanDraft(null, "Reporting rollout",
                LocalDate.of(2026, 3, 10), List.of(new PlanDraft.OutcomeDraft("Finance reports from Lodestar", List.of(
                        new MilestoneDraft(null, "Kickoff held", OwnerSide.US, null, null, LocalDate.of(2026, 3, 12),
                                null, null, null),
                        new MilestoneDraft(null, "Admins trained", OwnerSide.CUSTOMER, null, jane,
                                LocalDate.of(2026, 3, 15), null, null, null)))))));
        kickoff = plan.milestones().get(0).id();
        admins = plan.milestones().get(1).id();
    }

    @Test
    void aCsmSharesThePlanTheCustomerMarksTheirMilestoneDoneAndTheLinkIsRevoked() {
        WebDriverWait wait = Chromium.freshSession(csm);
        csm.get(url("/accounts/" + acme.id() + "?tab=plan"));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("username"))).sendKeys(MAYA);
        csm.findElement(By.id("password")).sendKeys("password-1234");
        csm.findElement(By.id("sign-in")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("share-plan-" + plan.id())));
        new Select(csm.findElement(By.id("share-contact-" + plan.id()))).selectByVisibleText("Jane Doe <jane@acme.example>");
        csm.findElement(By.id("share-days-" + plan.id())).clear();
        csm.findElement(By.id("share-days-" + plan.id())).sendKeys("14");
        csm.findElement(By.id("share-plan-button-" + plan.id())).click();
        String link = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("issued-link-url")))
                .getDomProperty("value");
        assertThat(csm.findElement(By.id("issued-link")).getText()).contains("Link for Jane Doe, until 2026-03-24");
        assertThat(link).startsWith("http://localhost:8080/shared/plans/" + acme.id() + ".");
        csm.findElement(By.id("copy-link")).click();
        wait.until(ExpectedConditions.textToBe(By.id("copy-link"), "Copied"));
        Chromium.screenshot(csm, "plan-tab-shared");
        String path = link.substring(link.indexOf("/shared/plans/"));

        WebDriverWait customerWait = Chromium.freshSession(customer);
        customer.get(url(path));
        customerWait.until(ExpectedConditions.presenceOfElementLocated(By.id("shared-plan-title")));
        assertThat(customer.findElement(By.id("shared-plan-title")).getText()).isEqualTo("Reporting rollout");
        assertThat(customer.findElement(By.id("shared-account")).getText()).isEqualTo("Acme Rockets");
        assertThat(customer.findElements(By.id("mark-done-" + kickoff))).as("Maya's milestone is not Jane's").isEmpty();
        assertThat(customer.findElement(By.id("status-" + admins)).getText()).isEqualTo("not started");
        assertFitsThePhone("shared-plan-phone");

        customer.findElement(By.id("note-" + admins)).sendKeys("Both admins trained");
        customer.findElement(By.id("mark-done-" + admins)).click();
        customerWait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("shared-notice"),
                "Marked “Admins trained” done."));
        assertThat(customer.findElement(By.id("status-" + admins)).getText()).isEqualTo("done");
        assertThat(customer.findElement(By.id("milestone-" + admins)).getText()).contains("Both admins trained");
        assertThat(customer.findElements(By.id("mark-done-" + admins))).isEmpty();
        assertFitsThePhone("shared-plan-done-phone");

        csm.get(url("/accounts/" + acme.id() + "?tab=plan"));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("done-by-" + admins)));
        assertThat(csm.findElement(By.id("done-by-" + admins)).getText())
                .isEqualTo("by Jane Doe <jane@acme.example> (customer, shared link)");
        assertThat(csm.findElement(By.cssSelector("#milestone-" + admins + " .pill.done")).getText()).isEqualTo("done");
        assertThat(csm.findElement(By.id("plan-links-" + plan.id())).getText()).contains("Jane Doe", "active",
                "2026-03-24");
        assertThat(csm.findElements(By.id("issued-link"))).as("the link is shown only once").isEmpty();

        csm.findElement(By.cssSelector("[id^=revoke-link-]")).click();
        wait.until(ExpectedConditions.alertIsPresent()).accept();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("plan-notice"), "Link revoked"));
        assertThat(csm.findElement(By.id("plan-links-" + plan.id())).getText()).contains("revoked", "by " + MAYA);
        Chromium.screenshot(csm, "plan-tab-revoked");

        customer.navigate().refresh();
        customerWait.withTimeout(Duration.ofSeconds(15))
                .until(ExpectedConditions.presenceOfElementLocated(By.id("link-withdrawn")));
        assertThat(customer.findElement(By.tagName("h1")).getText()).isEqualTo("This link was withdrawn");
        assertThat(customer.getPageSource()).doesNotContain("Reporting rollout", "Admins trained");
        assertFitsThePhone("shared-plan-withdrawn-phone");
    }

    private void assertFitsThePhone(String screenshot) {
        Chromium.screenshot(customer, screenshot);
        long width = (Long) ((JavascriptExecutor) customer).executeScript("return document.documentElement.scrollWidth;");
        long viewport = (Long) ((JavascriptExecutor) customer).executeScript(
                "return document.documentElement.clientWidth;");
        assertThat(viewport).as("the phone's width").isEqualTo(PHONE);
        assertThat(width).as(screenshot + ": the page is no wider than the screen").isLessThanOrEqualTo(viewport);
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }
}
