package org.lodestar.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.LocalDate;
import java.time.ZoneOffset;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.lodestar.ApiClient;
import org.lodestar.Book;
import org.lodestar.Chromium;
import org.lodestar.LodestarTest;
import org.lodestar.audit.Actor;
import org.lodestar.audit.Actors;
import org.lodestar.plans.Milestone;
import org.lodestar.plans.PlanDraft;
import org.lodestar.plans.SuccessPlans;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The Team page's time-to-value in a real Chromium: two accounts reached value in 20 and 40 days (median 20, p75 40,
 * nearest rank), a third is open since 50 days ago; the chart draws median and p75 for their cohort.
 */
@Tag("slow")
@LodestarTest
class TimeToValueBrowserTest {

    private static WebDriver browser;

    @LocalServerPort
    int port;
    @Autowired
    Book book;
    @Autowired
    SuccessPlans plans;
    @Autowired
    java.time.Clock clock;

    @BeforeAll
    static void startBrowser() throws IOException {
        browser = Chromium.start(1400, 1000);
    }

    @AfterAll
    static void stopBrowser() {
        Chromium.stop(browser);
    }

    private long planned(ApiClient api, String name, LocalDate kickoff, Integer valueAfterDays) {
        long id = api.post("/api/accounts", "{\"externalId\":\"TTV-" + name + "\",\"name\":\"" + name + "\"}").json().get("id")
                .asLong();
        Actors.runAs(Actor.system(), () -> {
            long value = plans.create(id, new PlanDraft("smb-onboarding", null, kickoff, null)).milestones().stream()
                    .filter(Milestone::value).findFirst().orElseThrow().id();
            if (valueAfterDays != null) {
                plans.completeAsOf(value, kickoff.plusDays(valueAfterDays).atTime(10, 0).toInstant(ZoneOffset.UTC), null);
            }
            return value;
        });
        return id;
    }

    @Test
    void theTeamPageShowsTimeToValueWithItsChart() {
        book.empty();
        WebDriverWait wait = Chromium.freshSession(browser);
        ApiClient api = new ApiClient(port, LodestarTest.ADMIN_TOKEN);
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        LocalDate kickoff = today.minusDays(50);
        planned(api, "Quick", kickoff, 20);
        planned(api, "Steady", kickoff, 40);
        long slow = planned(api, "Slowpoke", kickoff, null);

        browser.get("http://localhost:" + port + "/team");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("username"))).sendKeys(LodestarTest.ADMIN_EMAIL);
        browser.findElement(By.id("password")).sendKeys(LodestarTest.ADMIN_PASSWORD);
        browser.findElement(By.id("sign-in")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("time-to-value")));

        assertThat(browser.findElement(By.id("ttv-all")).getText()).isEqualTo("All 3 2 20 d 40 d 1 50 d 1");
        assertThat(browser.findElement(By.id("ttv-longest-open")).getText()).contains("Slowpoke", "day 50");
        assertThat(browser.findElement(By.cssSelector("#ttv-longest-open a")).getAttribute("href")).endsWith("/accounts/" + slow);
        // Chart.js drew the cohort's median and p75.
        Object drawn = ((JavascriptExecutor) browser).executeScript(
                "const c = Chart.getChart(document.getElementById('ttv-chart'));"
                        + " return c ? c.data.datasets.map(d => d.label + ' ' + d.data.join(',')).join('; ') : null;");
        assertThat(drawn).isEqualTo("median days 20; p75 days 40");
        ((JavascriptExecutor) browser).executeScript("document.getElementById('time-to-value').scrollIntoView()");
        Chromium.screenshot(browser, "team-time-to-value");
    }
}
