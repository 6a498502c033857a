package org.lodestar.outreach;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.lodestar.ApiClient;
import org.lodestar.Book;
import org.lodestar.LodestarTest;
import org.lodestar.SmtpServer;
import org.lodestar.people.Role;
import org.lodestar.people.TokenScope;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;


/** The outreach panel in a real headless Chromium: choose, fill in, preview, send; the guard's reason shown. */
@Tag("slow")
@LodestarTest
class OutreachBrowserTest {

    private static WebDriver browser;

    @RegisterExtension
    static SmtpServer mail = SmtpServer.onFreePort();

    @DynamicPropertySource
    static void smtp(DynamicPropertyRegistry registry) {
        mail.register(registry);
    }

    @LocalServerPort
    int port;
    @Autowired
    Book book;
    WebDriverWait wait;
    long acme;

    @BeforeAll
    static void startBrowser() throws IOException {
        browser = org.lodestar.Chromium.start(1400, 1400);
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
        acme = api.post("/api/accounts", "{\"externalId\":\"B-1\",\"name\":\"Acme Rockets\",\"owner\":\""
                + LodestarTest.ADMIN_EMAIL + "\"}").json().get("id").asLong();
        api.post("/api/accounts", "{\"externalId\":\"B-2\",\"name\":\"Globex\"}");
        api.post("/api/accounts/" + acme + "/stakeholders",
                "{\"email\":\"wile@acme.example\",\"name\":\"Wile E. Coyote\",\"role\":\"champion\"}");
    }

    private void logIn(String email, String password) {
        browser.get("http://localhost:" + port + "/login");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("username"))).sendKeys(email);
        browser.findElement(By.id("password")).sendKeys(password);
        browser.findElement(By.id("sign-in")).click();
        wait.until(d -> !d.getCurrentUrl().contains("/login"));
    }

    private void chooseTemplate(String name, String firstVariable) {
        browser.get("http://localhost:" + port + "/accounts/" + acme + "?tab=work");
        new Select(wait.until(ExpectedConditions.elementToBeClickable(By.id("outreach-template")))).selectByValue(name);
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("outreach-var-" + firstVariable)));
    }

    @Test
    void aCsmPreviewsAndSendsAnEmailFromTheAccountPage() throws Exception {
        logIn(LodestarTest.ADMIN_EMAIL, LodestarTest.ADMIN_PASSWORD);
        chooseTemplate("feature-announcement", "feature");
        browser.findElement(By.id("outreach-var-feature")).sendKeys("Launch scheduling");

        browser.findElement(By.id("outreach-preview-button")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("outreach-preview")));
        assertThat(browser.findElement(By.id("outreach-preview")).getText()).contains("To: wile@acme.example",
                "Launch scheduling is now available for Acme Rockets", "Hi Wile,", "Administrator");
        assertThat(mail.getReceivedMessages()).isEmpty();
        org.lodestar.Chromium.screenshot(browser, "outreach-preview");

        browser.findElement(By.id("outreach-send-button")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("outreach-sent")));
        assertThat(browser.findElement(By.id("outreach-sent")).getText()).isEqualTo("Sent feature-announcement to "
                + "wile@acme.example: Launch scheduling is now available for Acme Rockets. It is on the timeline.");
        assertThat(mail.waitForIncomingEmail(5000, 1)).isTrue();
        assertThat(mail.getReceivedMessages()[0].getSubject()).isEqualTo("Launch scheduling is now available for Acme Rockets");
        assertThat(browser.findElement(By.id("outreach-messages")).getText()).contains("sent", LodestarTest.ADMIN_EMAIL);

        browser.get("http://localhost:" + port + "/accounts/" + acme + "?tab=timeline");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".feed"),
                "Email to Wile E. Coyote: Launch scheduling is now available for Acme Rockets"));
    }

    @Test
    void theGuardsReasonIsShownAndNothingGoesOut() throws Exception {
        logIn(LodestarTest.ADMIN_EMAIL, LodestarTest.ADMIN_PASSWORD);
        chooseTemplate("delayed-feature-reply", "feature");
        browser.findElement(By.id("outreach-var-feature")).sendKeys("the export Globex asked for");
        browser.findElement(By.id("outreach-var-new_date")).sendKeys("30 April");

        browser.findElement(By.id("outreach-send-button")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("outreach-refusal")));
        assertThat(browser.findElement(By.id("outreach-refusal")).getText())
                .startsWith("The message to Acme Rockets names another customer, Globex (in the subject:")
                .endsWith("Nothing was sent.");
        assertThat(browser.findElement(By.id("outreach-messages")).getText()).contains("blocked");
        assertThat(mail.getReceivedMessages()).isEmpty();
        org.lodestar.Chromium.screenshot(browser, "outreach-blocked");
    }

    @Test
    void aReaderSeesTheMessagesButNoForm() {
        book.tokenFor("outreach-viewer@lodestar.test", Role.READ_ONLY, TokenScope.READ);
        logIn("outreach-viewer@lodestar.test", "password-1234");
        browser.get("http://localhost:" + port + "/accounts/" + acme + "?tab=work");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("outreach"), "No outreach yet."));
        assertThat(browser.findElements(By.id("outreach-form"))).isEmpty();
    }

}
