package org.lodestar.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.lodestar.ApiClient;
import org.lodestar.Book;
import org.lodestar.LodestarTest;
import org.lodestar.people.Role;
import org.lodestar.people.TokenScope;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Logs in with a real headless Chromium and uses the book, account and audit pages. */
@Tag("slow")
@LodestarTest
class BrowserTest {

    private static WebDriver browser;

    @LocalServerPort
    int port;
    @Autowired
    Book book;
    @Autowired
    org.lodestar.usage.WriteKeys writeKeys;
    @Autowired
    org.lodestar.usage.EventLog eventLog;
    @Autowired
    org.lodestar.usage.UsageRollups rollups;
    @Autowired
    java.time.Clock clock;
    @Autowired
    org.lodestar.signals.Signals signals;
    WebDriverWait wait;

    @BeforeAll
    static void startBrowser() throws IOException {
        browser = org.lodestar.Chromium.start(1400, 1000);
    }

    @AfterAll
    static void stopBrowser() {
        org.lodestar.Chromium.stop(browser);
    }

    @BeforeEach
    void seed() {
        book.empty();
        wait = org.lodestar.Chromium.freshSession(browser);
        ApiClient api = new ApiClient(port, LodestarTest.ADMIN_TOKEN);
        api.post("/api/accounts", "{\"externalId\":\"B-1\",\"name\":\"Acme Rockets\",\"stage\":\"mature\","
                + "\"owner\":\"" + LodestarTest.ADMIN_EMAIL + "\"}");
        api.post("/api/accounts", "{\"externalId\":\"B-2\",\"name\":\"Blue Sun\",\"stage\":\"onboarding\"}");
        api.post("/api/accounts", "{\"externalId\":\"B-3\",\"name\":\"Cyberdyne\",\"stage\":\"mature\"}");
        long acme = api.get("/api/accounts?q=acme").json().get("accounts").get(0).get("id").asLong();
        api.post("/api/accounts/" + acme + "/subscriptions", "{\"externalId\":\"SUB-ACME\",\"startDate\":\"2025-01-01\","
                + "\"endDate\":\"2099-01-01\",\"lineItems\":[{\"plan\":\"enterprise\",\"seats\":500,\"arr\":150000}]}");
        api.post("/api/accounts/" + acme + "/stakeholders",
                "{\"email\":\"wile@acme.example\",\"name\":\"Wile E. Coyote\",\"role\":\"champion\"}");
        java.time.LocalDate today = java.time.LocalDate.now(clock);
        api.post("/api/accounts/" + acme + "/tickets", "{\"externalId\":\"ZD-77\",\"subject\":\"Rockets misfire\","
                + "\"priority\":\"urgent\"}");
        api.post("/api/accounts/" + acme + "/surveys", "{\"externalId\":\"NPS-77\",\"kind\":\"nps\",\"score\":3,"
                + "\"comment\":\"Too many misfires\"}");
        api.post("/api/accounts/" + acme + "/invoices", "{\"externalId\":\"INV-77\",\"currency\":\"USD\","
                + "\"amountDue\":12500,\"issuedOn\":\"" + today.minusDays(45) + "\",\"dueOn\":\"" + today.minusDays(15)
                + "\"}");
        long key = org.lodestar.audit.Actors.runAs(org.lodestar.audit.Actor.system(),
                () -> writeKeys.create("browser test").key().id());
        java.time.Instant now = clock.instant();
        eventLog.append(key, java.util.List.of(usageCall("u-1", "Report Viewed", now), usageCall("u-2", "Search", now)),
                now);
        rollups.drain();
    }

    private static org.lodestar.usage.TrackedMessage usageCall(String user, String event, java.time.Instant at) {
        return new org.lodestar.usage.TrackedMessage("track", user + "-" + event, event, "core", user, "B-1", at, null,
                "{\"type\":\"track\",\"userId\":\"" + user + "\",\"event\":\"" + event + "\"}");
    }

    private void logIn(String email, String password) {
        browser.get("http://localhost:" + port + "/book");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("username"))).sendKeys(email);
        browser.findElement(By.id("password")).sendKeys(password);
        browser.findElement(By.id("sign-in")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("book-table")));
    }

    @Test
    void aCsmFiltersTheBookOpensAnAccountAndLogsANote() throws IOException {
        logIn(LodestarTest.ADMIN_EMAIL, LodestarTest.ADMIN_PASSWORD);
        assertThat(browser.findElement(By.id("book-table")).getText())
                .contains("Acme Rockets", "Blue Sun", "Cyberdyne", "150,000", "enterprise");
        assertThat(browser.findElements(By.cssSelector("canvas#arr-by-segment"))).hasSize(1);
        screenshot("book");

        new Select(browser.findElement(By.id("stage"))).selectByValue("onboarding");
        wait.until(d -> !d.findElement(By.cssSelector("#book-table tbody")).getText().contains("Cyberdyne"));
        assertThat(browser.findElement(By.cssSelector("#book-table tbody")).getText()).contains("Blue Sun")
                .doesNotContain("Acme Rockets");
        assertThat(browser.getCurrentUrl()).contains("stage=onboarding");

        browser.get("http://localhost:" + port + "/book?sort=-arr");
        browser.findElement(By.linkText("Acme Rockets")).click();
        wait.until(ExpectedConditions.textToBe(By.id("account-name"), "Acme Rockets"));
        assertThat(browser.findElement(By.id("account-arr")).getText()).isEqualTo("$150,000");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("account-open-counts")));
        assertThat(browser.findElements(By.id("subscriptions"))).as("a tab's panels load only when it is shown").isEmpty();
        screenshot("account-overview");

        showTab("contracts");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("subscriptions"), "Enterprise · core"));
        assertThat(browser.findElement(By.cssSelector("#subscriptions .contract-id")).getText()).isEqualTo("SUB-ACME");
        String history = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("arr-history"))).getText();
        assertThat(history).contains("2025-01-01", "New business at $150,000", "new")
                .contains("2099-01-01", "Every contract ends, unless renewed: −$150,000", "churn", "scheduled");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("invoices"), "INV-77"));
        assertThat(browser.findElement(By.id("invoices-overdue")).getText()).isEqualTo("1");
        assertThat(browser.findElement(By.cssSelector("#invoices tr.overdue td.days")).getText()).isEqualTo("15");

        showTab("people");
        assertThat(browser.findElement(By.id("stakeholders")).getText()).contains("Wile E. Coyote", "champion");

        showTab("health");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("tickets"), "Rockets misfire"));
        assertThat(browser.findElement(By.id("tickets-urgent")).getText()).isEqualTo("1");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("surveys"), "Too many misfires"));
        assertThat(browser.findElement(By.id("account-nps")).getText()).as("one detractor").isEqualTo("-100");

        showTab("usage");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("usage-utilisation"),
                "2 active users / 500 seats"));
        assertThat(browser.findElement(By.id("usage-depth")).getText()).contains("100%", "1 of 1 contracted modules in use");
        assertThat(browser.findElements(By.cssSelector("canvas#usage-daily"))).hasSize(1);

        showTab("timeline");
        new Select(browser.findElement(By.id("log-kind"))).selectByValue("meeting");
        new Select(browser.findElement(By.id("log-meeting-type"))).selectByValue("qbr");
        browser.findElement(By.id("log-subject")).sendKeys("Q4 business review with Wile");
        browser.findElement(By.id("log-body")).sendKeys("Agreed a pilot of the analytics module.");
        browser.findElement(By.id("log-submit")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".feed"),
                "Q4 business review with Wile"));
        assertThat(browser.findElement(By.cssSelector(".feed")).getText()).contains("qbr",
                "Agreed a pilot of the analytics module.", LodestarTest.ADMIN_EMAIL);
        screenshot("account");

        browser.findElement(By.linkText("Audit log")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("audit-table")));
        String audit = browser.findElement(By.id("audit-table")).getText();
        assertThat(audit).contains("Logged meeting 'Q4 business review with Wile'", LodestarTest.ADMIN_EMAIL,
                "Created account Acme Rockets");
        screenshot("audit");
    }

    @Test
    void aCsmWorksTheirDayFromTodayTheTeamViewAndTheAccountPage() {
        // Acme: 150,000 ARR with an urgent ticket, a detractor and a late invoice: a major incident.
        org.lodestar.audit.Actors.runAs(org.lodestar.audit.Actor.system(), () -> signals.evaluate(null));
        logIn(LodestarTest.ADMIN_EMAIL, LodestarTest.ADMIN_PASSWORD);
        browser.get("http://localhost:" + port + "/");
        wait.until(ExpectedConditions.urlContains("/team"));
        browser.get("http://localhost:" + port + "/today");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("worklist")));
        String today = browser.findElement(By.id("worklist")).getText();
        assertThat(today).contains("Acme Rockets", "Post 'critical-bug-alert' to the team's Slack channel",
                "Confirm the fix with the customer", "Urgent ticket ZD-77 open since");
        int before = Integer.parseInt(browser.findElement(By.id("open-tasks")).getText());
        screenshot("today");
        browser.findElement(By.cssSelector("#worklist button[id^=done-]")).click();
        wait.until(d -> Integer.parseInt(d.findElement(By.id("open-tasks")).getText()) == before - 1);
        // Two ticked tasks marked done at once from the bar above the list.
        List<WebElement> picks = browser.findElements(By.cssSelector("#worklist input[name=taskIds]"));
        assertThat(picks).hasSizeGreaterThanOrEqualTo(2);
        picks.get(0).click();
        picks.get(1).click();
        browser.findElement(By.id("bulk-apply")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("today-notice"), "Marked 2 tasks done."));
        assertThat(Integer.parseInt(browser.findElement(By.id("open-tasks")).getText())).isEqualTo(before - 3);
        screenshot("today-after-bulk");

        browser.findElement(By.linkText("Team")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("coverage")));
        assertThat(browser.findElement(By.id("coverage")).getText()).contains("Administrator", "150,000");
        assertThat(browser.findElement(By.id("arr-at-risk")).getText()).matches("\\$[\\d,]+");
        assertThat(browser.findElements(By.cssSelector("canvas#work-split"))).hasSize(1);
        screenshot("team");

        browser.get("http://localhost:" + port + "/book?sort=-arr");
        browser.findElement(By.linkText("Acme Rockets")).click();
        wait.until(ExpectedConditions.textToBe(By.id("account-name"), "Acme Rockets"));
        showTab("work");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("open-signals"), "Urgent ticket ZD-77"));
        assertThat(browser.findElement(By.id("open-signals")).getText()).contains("Urgent ticket · since");
        assertThat(browser.findElement(By.id("plays")).getText()).contains("major-incident");
        browser.findElement(By.id("task-title")).sendKeys("Call Wile about the misfires");
        browser.findElement(By.id("task-add")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("work-notice"), "Task added."));
        assertThat(browser.findElement(By.id("account-tasks")).getText()).contains("Call Wile about the misfires");
        WebElement close = browser.findElement(By.cssSelector("#plays button[id^=close-]"));
        Select outcome = new Select(browser.findElement(By.cssSelector("#plays select[name=outcome]")));
        assertThat(outcome.getFirstSelectedOption().getText()).as("no outcome chosen for the CSM").isEqualTo("choose an outcome…");
        outcome.selectByValue("saved");
        close.click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("work-notice"), "Play closed."));
        assertThat(browser.findElement(By.id("plays")).getText()).contains("saved");
        ((org.openqa.selenium.JavascriptExecutor) browser).executeScript("document.getElementById('work').scrollIntoView()");
        screenshot("account-work");
    }

    @Test
    void aLeaderReadsRetentionAndDrillsIntoAFigure() throws IOException {
        ApiClient api = new ApiClient(port, LodestarTest.ADMIN_TOKEN);
        long blueSun = api.get("/api/accounts?q=blue").json().get("accounts").get(0).get("id").asLong();
        api.post("/api/accounts/" + blueSun + "/subscriptions", "{\"externalId\":\"SUB-BLUE-1\",\"startDate\":\"2024-01-01\","
                + "\"endDate\":\"2025-01-01\",\"lineItems\":[{\"plan\":\"growth\",\"seats\":40,\"arr\":40000}]}");
        api.post("/api/accounts/" + blueSun + "/subscriptions", "{\"externalId\":\"SUB-BLUE-2\",\"startDate\":\"2025-01-01\","
                + "\"endDate\":\"2026-01-01\",\"lineItems\":[{\"plan\":\"growth\",\"seats\":30,\"arr\":30000}]}");
        logIn(LodestarTest.ADMIN_EMAIL, LodestarTest.ADMIN_PASSWORD);

        browser.get("http://localhost:" + port + "/revenue?from=2025-01-01&to=2025-12-31&by=segment");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("retention-table")));
        assertThat(browser.findElement(By.id("stat-starting")).getText()).isEqualTo("$40,000");
        assertThat(browser.findElement(By.id("stat-nrr")).getText()).isEqualTo("75.0%");
        assertThat(browser.findElement(By.id("stat-grr")).getText()).isEqualTo("75.0%");
        Object charts = ((org.openqa.selenium.JavascriptExecutor) browser).executeScript(
                "return ['waterfall', 'retention-trend'].filter(id => Chart.getChart(document.getElementById(id))).length");
        assertThat(charts).isEqualTo(2L);
        screenshot("revenue");

        browser.findElement(By.cssSelector("#retention-table tr.total a[href*='figure=contraction']")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("drill-total")));
        assertThat(browser.findElement(By.id("drill-total")).getText()).isEqualTo("$10,000.00");
        assertThat(browser.findElement(By.id("drill-accounts")).getText()).contains("Blue Sun");
        assertThat(browser.findElement(By.id("drill-movements")).getText()).contains("2025-01-01").contains("-$10,000.00");
        screenshot("revenue-drill");

        long cyberdyne = api.get("/api/accounts?q=cyberdyne").json().get("accounts").get(0).get("id").asLong();
        java.time.LocalDate today = java.time.LocalDate.now(clock);
        api.post("/api/accounts/" + cyberdyne + "/subscriptions", "{\"externalId\":\"SUB-CYB\",\"startDate\":\""
                + today.minusDays(320) + "\",\"endDate\":\"" + today.plusDays(45)
                + "\",\"lineItems\":[{\"plan\":\"growth\",\"seats\":20,\"arr\":20000}]}");
        browser.get("http://localhost:" + port + "/revenue?days=60");
        WebElement row = wait.until(ExpectedConditions.presenceOfElementLocated(
                By.xpath("//table[@id='renewal-table']//tr[contains(., 'Cyberdyne')]")));
        row.findElement(By.tagName("summary")).click();
        row.findElement(By.name("arr")).sendKeys("18000");
        row.findElement(By.xpath(".//button[text()='Forecast']")).click();
        assertThat(wait.until(ExpectedConditions.presenceOfElementLocated(By.id("revenue-notice"))).getText())
                .isEqualTo("Forecast for Cyberdyne recorded: 18000.00");
        assertThat(browser.findElement(By.id("renewal-table")).getText()).contains("18,000").contains("csm");
        row = browser.findElement(By.xpath("//table[@id='renewal-table']//tr[contains(., 'Cyberdyne')]"));
        row.findElement(By.tagName("summary")).click();
        new Select(row.findElement(By.name("outcome"))).selectByValue("churned");
        row.findElements(By.name("arr")).get(1).sendKeys("5000");
        row.findElement(By.xpath(".//button[text()='Close']")).click();
        assertThat(wait.until(ExpectedConditions.presenceOfElementLocated(By.id("revenue-problem"))).getText())
                .contains("does not fit ARR 5000 against 20000.00 due");
        screenshot("revenue-renewals");
    }

    @Test
    void anAdminCreatesAWriteKeySeesItOnceAndRevokesIt() throws IOException {
        logIn(LodestarTest.ADMIN_EMAIL, LodestarTest.ADMIN_PASSWORD);
        browser.findElement(By.linkText("Write keys")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("write-keys")));
        browser.findElement(By.id("write-key-name")).sendKeys("web app (production)");
        browser.findElement(By.id("write-key-create")).click();
        String issued = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("issued-key"))).getText();
        assertThat(issued).contains("web app (production)").contains("lwk_");
        screenshot("write-keys");
        WebElement row = browser.findElements(By.cssSelector("#write-keys tbody tr")).stream()
                .filter(r -> r.getText().contains("web app (production)")).findFirst().orElseThrow();
        row.findElement(By.cssSelector("button.danger")).click();
        // The page the revocation answers with replaces the one holding the row (the old table is there until then).
        wait.until(ExpectedConditions.stalenessOf(row));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("write-keys")));
        assertThat(browser.findElements(By.id("issued-key"))).as("the secret is shown only once").isEmpty();
        assertThat(browser.findElements(By.cssSelector("#write-keys tbody tr")).stream()
                .filter(r -> r.getText().contains("web app (production)")).findFirst().orElseThrow().getText())
                .contains("revoked");
    }

    @Test
    void aMeetingWithoutTypeIsExplainedNotLost() {
        logIn(LodestarTest.ADMIN_EMAIL, LodestarTest.ADMIN_PASSWORD);
        browser.findElement(By.linkText("Blue Sun")).click();
        wait.until(ExpectedConditions.textToBe(By.id("account-name"), "Blue Sun"));
        showTab("timeline");
        new Select(browser.findElement(By.id("log-kind"))).selectByValue("meeting");
        browser.findElement(By.id("log-subject")).sendKeys("Kickoff without a type");
        browser.findElement(By.id("log-submit")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".log-form .alert.error")));
        assertThat(browser.findElement(By.cssSelector(".log-form .alert.error")).getText()).contains("meetingType");
        assertThat(browser.findElement(By.id("log-subject")).getAttribute("value")).isEqualTo("Kickoff without a type");
    }

    @Test
    void theBookIsEditedInTheBrowser() {
        book.tokenFor("maya@lodestar.test", Role.CSM, TokenScope.WRITE);
        logIn(LodestarTest.ADMIN_EMAIL, LodestarTest.ADMIN_PASSWORD);

        browser.findElement(By.id("pick-all")).click();
        assertThat(browser.findElements(By.cssSelector("input[name=accountIds]:checked"))).as("the header box ticks the page")
                .hasSize(3);
        new Select(browser.findElement(By.id("reassign-owner"))).selectByValue("maya@lodestar.test");
        browser.findElement(By.id("reassign-apply")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("book-notice"), "Gave 3 accounts to maya."));
        assertThat(browser.getCurrentUrl()).endsWith("#book-table");
        assertThat(browser.findElement(By.cssSelector("#book-table tbody")).getText()).doesNotContain("Administrator");
        screenshot("book-reassigned");

        browser.findElement(By.id("new-account")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("account-form")));
        browser.findElement(By.id("name")).sendKeys("Dunder Mifflin");
        browser.findElement(By.id("externalId")).sendKeys("B-4");
        new Select(browser.findElement(By.id("owner"))).selectByValue("maya@lodestar.test");
        new Select(browser.findElement(By.id("stage"))).selectByValue("adoption");
        screenshot("account-form");
        browser.findElement(By.id("account-save")).click();
        wait.until(ExpectedConditions.textToBe(By.id("account-name"), "Dunder Mifflin"));
        assertThat(browser.findElement(By.id("account-saved")).getText()).isEqualTo("Created account Dunder Mifflin.");

        browser.get("http://localhost:" + port + "/book?sort=-arr");
        browser.findElement(By.linkText("Acme Rockets")).click();
        wait.until(ExpectedConditions.textToBe(By.id("account-name"), "Acme Rockets"));
        showTab("people");
        WebElement markLeft = browser.findElement(By.cssSelector("[id^=left-stakeholder-]"));
        markLeft.click();
        var question = wait.until(ExpectedConditions.alertIsPresent());
        assertThat(question.getText()).isEqualTo("Mark Wile E. Coyote as having left Acme Rockets today?");
        question.dismiss();
        assertThat(browser.findElements(By.cssSelector("[id^=left-stakeholder-]"))).as("nothing sent").hasSize(1);
        markLeft.click();
        wait.until(ExpectedConditions.alertIsPresent()).accept();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("stakeholder-notice"),
                "Marked Wile E. Coyote as left on " + java.time.LocalDate.now(clock) + "."));
        assertThat(browser.findElements(By.cssSelector("[id^=left-stakeholder-]"))).isEmpty();
        screenshot("stakeholder-left");
    }

    @Test
    void aReadOnlyUserSeesTheBookButNoForms() {
        book.tokenFor("viewer@lodestar.test", Role.READ_ONLY, TokenScope.READ);
        logIn("viewer@lodestar.test", "password-1234");
        browser.findElement(By.linkText("Acme Rockets")).click();
        wait.until(ExpectedConditions.textToBe(By.id("account-name"), "Acme Rockets"));
        showTab("timeline");
        assertThat(browser.findElements(By.cssSelector(".feed"))).hasSize(1);
        assertThat(browser.findElements(By.id("log-submit"))).isEmpty();
        showTab("people");
        assertThat(browser.findElements(By.id("stakeholders"))).hasSize(1);
        assertThat(browser.findElements(By.cssSelector("#edit-account, #add-stakeholder, [id^=left-stakeholder-]")))
                .isEmpty();
    }

    @Test
    void anUnknownAccountIsANotFoundPageNotAnError() {
        logIn(LodestarTest.ADMIN_EMAIL, LodestarTest.ADMIN_PASSWORD);
        browser.get("http://localhost:" + port + "/accounts/999999");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.tagName("h1")));
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("404");
        assertThat(browser.getPageSource()).contains("There is nothing here").doesNotContain("Exception");
        screenshot("not-found");
    }

    @Test
    void aWrongPasswordIsRefused() {
        browser.get("http://localhost:" + port + "/login");
        browser.findElement(By.id("username")).sendKeys(LodestarTest.ADMIN_EMAIL);
        browser.findElement(By.id("password")).sendKeys("not-the-password");
        browser.findElement(By.id("sign-in")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".alert.error")));
        assertThat(browser.getCurrentUrl()).contains("/login?error");
        screenshot("login-error");
    }

    /** Opens a tab of the account page, as a click on it does, and waits for its page. */
    private void showTab(String tab) {
        browser.findElement(By.id("tab-" + tab)).click();
        wait.until(ExpectedConditions.attributeToBe(By.id("tab-" + tab), "aria-selected", "true"));
    }

    private void screenshot(String name) {
        org.lodestar.Chromium.screenshot(browser, name);
    }
}
