package org.lodestar.revenue;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lodestar.ApiClient;
import org.lodestar.Book;
import org.lodestar.FormSession;
import org.lodestar.LodestarTest;
import org.lodestar.people.Role;
import org.lodestar.people.TokenScope;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The renewals page on a crafted book, dated from the application's clock:
 * <pre>
 * Acme    Maya  100,000 ends in 65 days, no auto-renew, champion left  → high risk, forecast 45,000 (45%)
 * Bolt    Omar   40,000 ends in 30 days, auto-renews, sponsor active   → low risk, forecast 38,000 (95%)
 * Cobalt  Maya   20,000 ended 35 days ago, renewed into 24,000 ending in 330 days → expanded, read from the contracts
 * </pre>
 * A CSM opens it on their own renewals, a leader on the whole book; filters, figures and CSV agree.
 */
@LodestarTest
class RenewalsPageTest {

    private static final String PASSWORD = "password-1234";
    private static final String MAYA = "maya@lodestar.test";
    private static final String OMAR = "omar@lodestar.test";
    private static final String LEADER = "lead@lodestar.test";
    private static final String VIEWER = "viewer@lodestar.test";

    @LocalServerPort
    int port;
    @Autowired
    Book book;
    @Autowired
    Clock clock;
    ApiClient api;
    LocalDate today;
    long acme;
    FormSession maya;

    @BeforeEach
    void setUp() {
        book.empty();
        book.tokenFor(MAYA, Role.CSM, TokenScope.WRITE);
        book.tokenFor(OMAR, Role.CSM, TokenScope.WRITE);
        book.tokenFor(LEADER, Role.LEADER, TokenScope.WRITE);
        book.tokenFor(VIEWER, Role.READ_ONLY, TokenScope.READ);
        api = new ApiClient(port, LodestarTest.ADMIN_TOKEN);
        today = LocalDate.now(clock);
        long acmeId = account("Acme", MAYA);
        acme = subscription(acmeId, "ACME-1", today.minusDays(700), today.plusDays(65), "100000", false);
        contact(acmeId, "champion", "left", today.minusDays(30));
        long boltId = account("Bolt", OMAR);
        subscription(boltId, "BOLT-1", today.minusDays(335), today.plusDays(30), "40000", true);
        contact(boltId, "economic-sponsor", "active", null);
        long cobaltId = account("Cobalt", MAYA);
        subscription(cobaltId, "COBALT-1", today.minusDays(400), today.minusDays(35), "20000", true);
        subscription(cobaltId, "COBALT-2", today.minusDays(35), today.plusDays(330), "24000", true);
        maya = new FormSession(port);
        maya.signIn(MAYA, PASSWORD);
    }

    @Test
    void aCsmOpensOnTheirOwnRenewalsAndALeaderOnTheWholeBook() {
        String mine = maya.send("GET", "/renewals", Map.of()).body();
        assertThat(table(mine)).contains(">Acme<").doesNotContain(">Bolt<").doesNotContain(">Cobalt<");
        assertThat(mine).contains("id=\"renewals-count\">1<", "id=\"renewals-due\">$100,000<",
                "id=\"renewals-forecast\">$45,000<", "class=\"value down\" id=\"renewals-high\">$100,000<");

        FormSession leader = new FormSession(port);
        leader.signIn(LEADER, PASSWORD);
        String all = leader.send("GET", "/renewals", Map.of()).body();
        assertThat(table(all).indexOf(">Bolt<")).as("soonest first").isGreaterThan(0).isLessThan(table(all).indexOf(">Acme<"));
        // 100,000 + 40,000 due; 45,000 + 38,000 forecast; only Acme's 100,000 at high risk.
        assertThat(all).contains("id=\"renewals-count\">2<", "id=\"renewals-due\">$140,000<",
                "id=\"renewals-forecast\">$83,000<", "class=\"value down\" id=\"renewals-high\">$100,000<",
                "Renewals 1–2 of 2, soonest first", "data-chart=\"bar\"");
        assertThat(maya.send("GET", "/renewals", Map.of("owner", "all")).body()).contains("id=\"renewals-count\">2<");
    }

    @Test
    void riskHealthAndWindowNarrowTheListAndItsFigures() {
        String low = maya.send("GET", "/renewals", Map.of("owner", "all", "risk", "low")).body();
        assertThat(table(low)).contains(">Bolt<").doesNotContain(">Acme<");
        assertThat(low).contains("id=\"renewals-due\">$40,000<", "id=\"renewals-forecast\">$38,000<");

        // Whatever bands the accounts have by now, the four filters split the two renewals between them.
        int counted = 0;
        for (String band : List.of("red", "yellow", "green", "unscored")) {
            String banded = maya.send("GET", "/renewals", Map.of("owner", "all", "health", band)).body();
            counted += (banded.contains(">Acme<") ? 1 : 0) + (banded.contains(">Bolt<") ? 1 : 0);
        }
        assertThat(counted).isEqualTo(2);

        String year = maya.send("GET", "/renewals", Map.of("owner", "all", "window", "next-365")).body();
        assertThat(year).contains("id=\"renewals-count\">3<", "id=\"renewals-due\">$164,000<", ">COBALT-2<");

        String past = maya.send("GET", "/renewals", Map.of("window", "last-90")).body();
        assertThat(table(past)).contains(">Cobalt<", "expanded at $24,000", "from the contracts").doesNotContain(">Acme<");
        assertThat(past).contains("id=\"renewals-renewed\">$24,000<", "id=\"renewals-recorded\">0<")
                .doesNotContain("id=\"renewals-forecast\"");
    }

    @Test
    void aValueThePageDoesNotOfferIsNamedAndTheDefaultShownNeverAnError() {
        HttpResponse<String> odd = maya.send("GET", "/renewals", Map.of("window", "next-7", "risk", "dire", "health",
                "purple", "page", "0"));
        assertThat(odd.statusCode()).isEqualTo(200);
        assertThat(odd.body()).contains("window: expected one of next-30, next-60, next-90, next-120, next-180, next-365, "
                + "last-90, got &#39;next-7&#39;; showing the next 90 days",
                "risk: expected low, medium or high, got &#39;dire&#39;", "health: expected red, yellow, green or unscored",
                "page: expected a number, 1 or more, got &#39;0&#39;; showing page 1", "id=\"renewals-count\">1<");
        HttpResponse<String> garbled = maya.send("GET", "/renewals", Map.of("page", "two"));
        assertThat(garbled.statusCode()).isEqualTo(200);
        assertThat(garbled.body()).contains("page: expected a number, 1 or more, got &#39;two&#39;; showing page 1");
    }

    @Test
    void aForecastRecordedOnThePageReturnsToTheSameFiltersAndNowhereElse() {
        String back = "/renewals?window=next-90&owner=all&risk=high";
        HttpResponse<String> recorded = maya.send("POST", "/revenue/renewals/" + acme + "/forecast",
                Map.of("arr", "80,000", "note", "new champion found", "back", back));
        assertThat(recorded.statusCode()).isEqualTo(302);
        assertThat(recorded.headers().firstValue("Location").orElseThrow()).endsWith(back);
        String page = maya.send("GET", back, Map.of()).body();
        assertThat(page).contains("Forecast for Acme recorded: 80000", "id=\"renewals-forecast\">$80,000<", "CSM call");

        HttpResponse<String> elsewhere = maya.send("POST", "/revenue/renewals/" + acme + "/forecast",
                Map.of("arr", "81000", "back", "//evil.example/renewals"));
        assertThat(elsewhere.headers().firstValue("Location").orElseThrow()).endsWith("/revenue?days=90#renewals")
                .doesNotContain("evil");
    }

    @Test
    void theCsvHoldsWhatTheFiltersSelectOnEveryPage() throws IOException {
        List<CSVRecord> mine = csv(maya.send("GET", "/renewals.csv", Map.of()));
        assertThat(mine).extracting(r -> r.get("account_name")).containsExactly("Acme");
        assertThat(mine.get(0).get("arr_due")).isEqualTo("100000.00");
        assertThat(mine.get(0).get("owner_email")).isEqualTo(MAYA);
        assertThat(maya.send("GET", "/renewals", Map.of()).body()).as("owners by name").contains("<td>maya</td>").doesNotContain("<td>maya@lodestar.test</td>");
        HttpResponse<String> all = maya.send("GET", "/renewals.csv", Map.of("owner", "all", "window", "next-365"));
        assertThat(all.headers().firstValue("Content-Disposition").orElseThrow())
                .isEqualTo("attachment; filename=\"lodestar-renewals-" + today + "-next-365.csv\"");
        assertThat(csv(all)).extracting(r -> r.get("subscription_external_id")).containsExactly("BOLT-1", "ACME-1", "COBALT-2");
        assertThat(maya.send("GET", "/renewals", Map.of("owner", "all", "risk", "high")).body())
                .contains("href=\"/renewals.csv?window=next-90&amp;owner=all&amp;risk=high\"");
    }

    @Test
    void aReadOnlyUserSeesTheRenewalsButNoFormToRecordThem() {
        FormSession viewer = new FormSession(port);
        viewer.signIn(VIEWER, PASSWORD);
        String page = viewer.send("GET", "/renewals", Map.of()).body();
        assertThat(page).contains("id=\"renewals-count\">2<", ">Acme<").doesNotContain("<summary>Record</summary>");
        assertThat(viewer.send("POST", "/revenue/renewals/" + acme + "/forecast", Map.of("arr", "1")).statusCode())
                .isEqualTo(403);
    }

    private static String table(String page) {
        return page.substring(page.indexOf("id=\"renewals-table\""));
    }

    private static List<CSVRecord> csv(HttpResponse<String> response) throws IOException {
        assertThat(response.statusCode()).isEqualTo(200);
        return CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(response.body())).getRecords();
    }

    private long account(String name, String owner) {
        ApiClient.Response created = api.post("/api/accounts", "{\"externalId\":\"" + name.toUpperCase() + "\",\"name\":\""
                + name + "\",\"owner\":\"" + owner + "\"}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().get("id").asLong();
    }

    private long subscription(long account, String externalId, LocalDate start, LocalDate end, String arr, boolean autoRenew) {
        ApiClient.Response added = api.post("/api/accounts/" + account + "/subscriptions",
                "{\"externalId\":\"" + externalId + "\",\"startDate\":\"" + start + "\",\"endDate\":\"" + end
                        + "\",\"autoRenew\":" + autoRenew + ",\"lineItems\":[{\"plan\":\"growth\",\"seats\":10,\"arr\":"
                        + arr + "}]}");
        assertThat(added.status()).as(added.body()).isEqualTo(201);
        return added.json().get("id").asLong();
    }

    private void contact(long account, String role, String status, LocalDate leftOn) {
        ApiClient.Response added = api.post("/api/accounts/" + account + "/stakeholders",
                "{\"email\":\"" + role + account + "@customer.example\",\"name\":\"A " + role + "\",\"role\":\"" + role
                        + "\",\"status\":\"" + status + "\"" + (leftOn == null ? "" : ",\"leftOn\":\"" + leftOn + "\"") + "}");
        assertThat(added.status()).as(added.body()).isEqualTo(201);
    }
}
