package org.lodestar.worklist;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.lodestar.ApiClient;
import org.lodestar.Book;
import org.lodestar.Chromium;
import org.lodestar.LodestarTest;
import org.lodestar.TestClock;
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
import org.springframework.test.context.TestPropertySource;

/** The Team page's "Where the time goes" in a real Chromium: the stacked bars drawn, the table, the month picker. */
@Tag("slow")
@LodestarTest
@Import(TestClock.Config.class)
@TestPropertySource(properties = { "lodestar.health.live=false", "lodestar.playbooks.automated-coverage=" })
class TimeSplitBrowserTest {

    private static WebDriver browser;

    @LocalServerPort
    int port;
    @Autowired
    Book book;
    @Autowired
    TestClock clock;

    @BeforeAll
    static void startBrowser() throws IOException {
        browser = Chromium.start(1400, 1000);
    }

    @AfterAll
    static void stopBrowser() {
        Chromium.stop(browser);
    }

    @Test
    void aLeaderSeesEachCsmsMonthAgainstTheTarget() {
        clock.set(Instant.parse("2026-12-18T09:00:00Z"));
        book.empty();
        ApiClient admin = new ApiClient(port, LodestarTest.ADMIN_TOKEN);
        ApiClient maya = new ApiClient(port, book.tokenFor("maya.split@lodestar.test", Role.CSM, TokenScope.WRITE));
        ApiClient otto = new ApiClient(port, book.tokenFor("otto.split@lodestar.test", Role.CSM, TokenScope.WRITE));
        long first = account(admin, "SPLIT-1", "maya.split@lodestar.test", "high-touch");
        account(admin, "SPLIT-2", "maya.split@lodestar.test", "high-touch");
        account(admin, "SPLIT-3", "maya.split@lodestar.test", "digital");
        long fourth = account(admin, "SPLIT-4", "otto.split@lodestar.test", "tech-touch");
        log(maya, first, "meeting", "qbr", null, 90, "2026-12-02T14:00:00Z");
        log(maya, first, "meeting", "kickoff", null, 60, "2026-12-04T10:00:00Z");
        log(maya, first, "call", null, "renewal", 45, "2026-12-08T10:00:00Z");
        log(maya, first, "call", null, "rescue", 120, "2026-12-09T10:00:00Z");
        log(maya, first, "email", null, null, 15, "2026-12-10T10:00:00Z");
        log(otto, fourth, "call", null, "expansion", 60, "2026-12-03T10:00:00Z");
        log(otto, fourth, "meeting", "check-in", null, 30, "2026-12-11T10:00:00Z");
        log(otto, fourth, "call", null, "renewal", 40, "2026-12-15T10:00:00Z");
        long task = maya.post("/api/tasks", "{\"accountId\":" + first + ",\"title\":\"Save plan\",\"category\":\"rescue\"}")
                .json().get("id").asLong();
        maya.post("/api/tasks/" + task + "/complete", "{\"minutesSpent\":75}");

        WebDriverWait wait = Chromium.freshSession(browser);
        browser.get("http://localhost:" + port + "/team");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("username"))).sendKeys(LodestarTest.ADMIN_EMAIL);
        browser.findElement(By.id("password")).sendKeys(LodestarTest.ADMIN_PASSWORD);
        browser.findElement(By.id("sign-in")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("time-split")));
        JavascriptExecutor js = (JavascriptExecutor) browser;
        wait.until(b -> js.executeScript("return typeof Chart !== 'undefined' "
                + "&& Chart.getChart(document.getElementById('time-split-chart')) !== undefined"));
        @SuppressWarnings("unchecked")
        List<String> labels = (List<String>) js.executeScript(
                "return Chart.getChart(document.getElementById('time-split-chart')).data.labels");
        assertThat(labels).containsExactly("maya.split · actual", "maya.split · target", "otto.split · actual",
                "otto.split · target");
        assertThat(js.executeScript("return Chart.getChart(document.getElementById('time-split-chart')).data.datasets.length"))
                .isEqualTo(6L);
        // Maya: 405 minutes; rescue 120 + 75 = 195 of them, 48.1 %.
        assertThat(browser.findElement(By.id("time-split-table")).getText()).contains("maya.split", "6h 45m", "3h 15m", "48%");
        js.executeScript("document.getElementById('time-split').scrollIntoView()");
        Chromium.screenshot(browser, "team-time-split");

        browser.findElement(By.id("time-previous")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("time-month"), "November 2026"));
        assertThat(browser.findElement(By.id("time-split-table")).getText()).contains("maya.split", "0m");
    }

    private static long account(ApiClient admin, String externalId, String owner, String coverage) {
        return admin.post("/api/accounts", "{\"externalId\":\"" + externalId + "\",\"name\":\"" + externalId
                + "\",\"stage\":\"mature\",\"owner\":\"" + owner + "\",\"coverage\":\"" + coverage + "\"}").json().get("id").asLong();
    }

    private static void log(ApiClient who, long account, String kind, String meeting, String category, int minutes, String at) {
        ApiClient.Response logged = who.post("/api/accounts/" + account + "/timeline", "{\"kind\":\"" + kind + "\""
                + (meeting == null ? "" : ",\"meetingType\":\"" + meeting + "\"")
                + (category == null ? "" : ",\"category\":\"" + category + "\"")
                + ",\"subject\":\"" + kind + "\",\"occurredAt\":\"" + at + "\",\"durationMinutes\":" + minutes + "}");
        assertThat(logged.status()).as(logged.body()).isEqualTo(201);
    }
}
