package org.lodestar.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lodestar.ApiClient;
import org.lodestar.Book;
import org.lodestar.FormSession;
import org.lodestar.LodestarTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import tools.jackson.databind.JsonNode;

/**
 * The backtest is kept between requests and follows the book. GONE's contract ends 100 days ago, STAYS runs on:
 * dates 200, 180 and 160 days ago with a 90-day horizon give 6 account-dates, 2 of which went badly (GONE on the last
 * two). LATE, added afterwards, ended 150 days ago, within the horizon of all three dates: 9 account-dates, 5 badly.
 */
@LodestarTest
class KeptBacktestTest {

    private static final Pattern ACCOUNT_DATES = Pattern.compile("Account-dates</div><div class=\"value\">(\\d+)<");

    @LocalServerPort
    int port;
    @Autowired
    Book book;
    @Autowired
    Clock clock;
    @Autowired
    HealthScores scores;

    ApiClient api;
    FormSession admin;
    LocalDate today;
    String range;

    @BeforeEach
    void setUp() {
        book.empty();
        api = new ApiClient(port, LodestarTest.ADMIN_TOKEN);
        admin = new FormSession(port);
        admin.signIn(LodestarTest.ADMIN_EMAIL, LodestarTest.ADMIN_PASSWORD);
        today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        range = "from=" + today.minusDays(200) + "&to=" + today.minusDays(160) + "&step=20&horizon=90";
        account("GONE", today.minusDays(400), today.minusDays(100));
        account("STAYS", today.minusDays(400), today.plusDays(200));
    }

    @Test
    void theApiAnswersForTheBookAsItIsRightAfterAChange() {
        JsonNode before = api.get("/api/health/backtest?" + range).json().get("results").get(0).get("total");
        assertThat(before.get("pairs").asInt()).isEqualTo(6);
        assertThat(before.get("lost").asInt()).isEqualTo(2);

        account("LATE", today.minusDays(400), today.minusDays(150));

        JsonNode after = api.get("/api/health/backtest?" + range).json().get("results").get(0).get("total");
        assertThat(after.get("pairs").asInt()).isEqualTo(9);
        assertThat(after.get("lost").asInt()).isEqualTo(5);
    }

    @Test
    void thePageShowsTheKeptBacktestWithWhenAndSaysWhenTheBookHasChangedSince() throws InterruptedException {
        waitUntilScored();
        String first = pageOnceCurrent();
        assertThat(accountDates(first)).isEqualTo(6);

        account("LATE", today.minusDays(400), today.minusDays(150));

        String right = page();
        assertThat(accountDates(right)).as("the kept backtest, at once").isEqualTo(6);
        assertThat(right).contains("the book has changed since");
        assertThat(accountDates(pageOnceCurrent())).isEqualTo(9);
    }

    private String page() {
        return admin.send("GET", "/health/backtest?" + range, Map.of()).body();
    }

    /**
     * The page once it shows a current backtest: one kept from before the book changed (by an earlier test, too) is
     * shown at once and recomputed in the background, so the page is asked again until then, within a bound.
     */
    private String pageOnceCurrent() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        String page = page();
        while (!page.contains("from the book as it is now") && System.nanoTime() < deadline) {
            Thread.sleep(100);
            page = page();
        }
        assertThat(page).contains("from the book as it is now").doesNotContain("the book has changed since");
        return page;
    }

    private static int accountDates(String page) {
        Matcher matcher = ACCOUNT_DATES.matcher(page);
        assertThat(matcher.find()).as("the account-dates figure").isTrue();
        return Integer.parseInt(matcher.group(1));
    }

    /** Rescoring follows a change moments after its commit; until then, the page would call its backtest stale. */
    private void waitUntilScored() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (scores.stale() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(scores.stale()).as("every account scored").isFalse();
    }

    private void account(String externalId, LocalDate start, LocalDate end) {
        long id = api.post("/api/accounts", "{\"externalId\":\"" + externalId + "\",\"name\":\"" + externalId
                + "\",\"stage\":\"adoption\"}").json().get("id").asLong();
        ApiClient.Response contract = api.post("/api/accounts/" + id + "/subscriptions", "{\"externalId\":\"" + externalId
                + "-1\",\"startDate\":\"" + start + "\",\"endDate\":\"" + end + "\",\"autoRenew\":false,\"lineItems\":["
                + "{\"plan\":\"growth\",\"module\":\"core\",\"seats\":10,\"arr\":60000}]}");
        assertThat(contract.status()).as(contract.body()).isEqualTo(201);
        // An NPS answer 210 days ago, within the 180 days each backtest date looks back: data to score on.
        ApiClient.Response survey = api.post("/api/accounts/" + id + "/surveys", "{\"externalId\":\"" + externalId
                + "-NPS\",\"kind\":\"nps\",\"score\":8,\"respondedAt\":\"" + today.minusDays(210) + "T12:00:00Z\"}");
        assertThat(survey.status()).as(survey.body()).isEqualTo(201);
    }
}
