package org.lodestar.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpResponse;
import java.sql.Date;
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
import org.lodestar.TestClock;
import org.lodestar.people.Role;
import org.lodestar.people.TokenScope;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The book as a CS team reads it, on 2026-06-30: six accounts whose health, renewal and owner are set by hand.
 *
 * <pre>
 *   account  owner  ARR      renewal (days)  health
 *   ALPHA    maya   120,000  40              red 45.0
 *   BRAVO    maya    30,000  200             yellow 62.5
 *   CHARLIE  omar    20,000  60              green 88.0
 *   DELTA    omar    10,000  300             no score
 *   ECHO     maya     5,000  90 (boundary)   scored with no data (band none); its name is a formula
 *   FOXTROT  none     8,000  91 (just out)   red 30.0
 * </pre>
 */
@LodestarTest
@Import(TestClock.Config.class)
class BookPageTest {

    private static final LocalDate TODAY = LocalDate.parse("2026-06-30");
    private static final String PASSWORD = "password-1234";
    private static final String MAYA = "maya@lodestar.test";
    private static final String OMAR = "omar@lodestar.test";
    private static final String VIEWER = "viewer@lodestar.test";
    private static final String HOSTILE = "=cmd|' /C calc'!A0";

    @LocalServerPort
    int port;
    @Autowired
    Book book;
    @Autowired
    Accounts accounts;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    TestClock clock;
    ApiClient api;
    FormSession maya;
    long alpha;
    long echo;

    @BeforeEach
    void setUp() {
        clock.setDay(TODAY);
        book.empty();
        jdbc.sql("delete from saved_view").update();
        book.tokenFor(MAYA, Role.CSM, TokenScope.WRITE);
        book.tokenFor(OMAR, Role.CSM, TokenScope.WRITE);
        book.tokenFor(VIEWER, Role.READ_ONLY, TokenScope.READ);
        api = new ApiClient(port, LodestarTest.ADMIN_TOKEN);
        alpha = account("ALPHA", "ALPHA", MAYA, "120000", 40);
        long bravo = account("BRAVO", "BRAVO", MAYA, "30000", 200);
        long charlie = account("CHARLIE", "CHARLIE", OMAR, "20000", 60);
        account("DELTA", "DELTA", OMAR, "10000", 300);
        echo = account("ECHO", HOSTILE, MAYA, "5000", 90);
        long foxtrot = account("FOXTROT", "FOXTROT", null, "8000", 91);
        awaitRescores();
        jdbc.sql("delete from account_health").update();
        health(alpha, "45.0", "RED");
        health(bravo, "62.5", "YELLOW");
        health(charlie, "88.0", "GREEN");
        health(echo, null, "NONE");
        health(foxtrot, "30.0", "RED");
        maya = new FormSession(port);
        maya.signIn(MAYA, PASSWORD);
    }

    @Test
    void eachHealthBandAndRiskFilterMatchesTheAccountsCountedByHand() {
        assertThat(names(filter(HealthBand.RED, null, null))).containsExactly("ALPHA", "FOXTROT");
        assertThat(names(filter(HealthBand.YELLOW, null, null))).containsExactly("BRAVO");
        assertThat(names(filter(HealthBand.GREEN, null, null))).containsExactly("CHARLIE");
        assertThat(names(filter(HealthBand.UNSCORED, null, null))).as("no score at all, or a score with no data")
                .containsExactly("DELTA", HOSTILE);
        assertThat(names(filter(null, BookRisk.AT_RISK, null))).containsExactly("ALPHA", "BRAVO", "FOXTROT");
        assertThat(names(filter(null, BookRisk.RENEWING, null))).as("90 days in, 91 out")
                .containsExactly("ALPHA", "CHARLIE", HOSTILE);
        assertThat(names(filter(null, BookRisk.AT_RISK_RENEWING, null))).containsExactly("ALPHA");
        assertThat(names(filter(null, BookRisk.AT_RISK, MAYA))).containsExactly("ALPHA", "BRAVO");

        AccountList atRisk = accounts.list(filter(null, BookRisk.AT_RISK, null));
        assertThat(atRisk.total()).isEqualTo(3);
        assertThat(atRisk.totalArr()).isEqualByComparingTo("158000");
        assertThat(atRisk.healthOf(atRisk.accounts().get(0))).isEqualTo(new AccountHealth(new BigDecimal("45.0"), HealthBand.RED));
    }

    @Test
    void theBooksTotalsAreItsSegmentsSumWithAnAccountOfAnUnknownSegmentCountedOnce() {
        jdbc.sql("update account set segment = 'legacy' where external_id = 'DELTA'").update();
        Accounts.Book all = accounts.book(sorted("name"));
        // 120,000 + 30,000 + 20,000 + 10,000 + 5,000 + 8,000 over six accounts; DELTA's 10,000 in a segment the bands no longer name.
        assertThat(all.list().total()).isEqualTo(6);
        assertThat(all.list().totalArr()).isEqualByComparingTo("193000");
        assertThat(all.list().total()).isEqualTo(accounts.list(sorted("name")).total());
        assertThat(all.list().totalArr()).isEqualByComparingTo(accounts.list(sorted("name")).totalArr());
        assertThat(all.segments()).extracting(SegmentTotal::segment).containsExactly("enterprise", "mid-market", "smb");
        assertThat(all.segments()).extracting(SegmentTotal::accounts).containsExactly(1L, 1L, 3L);
        assertThat(all.segments().stream().map(SegmentTotal::arr).reduce(BigDecimal.ZERO, BigDecimal::add))
                .isEqualByComparingTo("183000");
        Accounts.Book red = accounts.book(filter(HealthBand.RED, null, null));
        assertThat(red.list().total()).isEqualTo(2);
        assertThat(red.list().totalArr()).as("ALPHA and FOXTROT").isEqualByComparingTo("128000");
    }

    @Test
    void theBooksTotalsAreKeptBetweenViewsYetFollowEachChangeMadeAtTheSameInstant() {
        // The clock stands still, so no change moves a timestamp: the kept totals must see it by what else it writes.
        // Each question is asked just before the change that must change its answer, so an answer kept across it shows.
        assertThat(accounts.book(sorted("name")).list().total()).isEqualTo(6);
        long golf = account("GOLF", "GOLF", MAYA, "50000", 10);
        Accounts.Book added = accounts.book(sorted("name"));
        assertThat(added.list().total()).as("an account added").isEqualTo(7);
        assertThat(added.list().totalArr()).isEqualByComparingTo("243000");

        assertThat(accounts.book(filter(null, null, OMAR)).list().totalArr()).isEqualByComparingTo("30000");
        ApiClient.Response moved = api.put("/api/accounts/" + golf, ApiClient.json(Map.of("externalId", "GOLF", "name", "GOLF",
                "stage", "mature", "owner", OMAR)));
        assertThat(moved.status()).as(moved.body()).isEqualTo(200);
        Accounts.Book omars = accounts.book(filter(null, null, OMAR));
        assertThat(omars.list().total()).as("an account given to another owner").isEqualTo(3);
        assertThat(omars.list().totalArr()).isEqualByComparingTo("80000");

        assertThat(accounts.book(filter(null, null, OMAR)).list().total()).isEqualTo(3);
        assertThat(api.delete("/api/accounts/" + golf).status()).isEqualTo(204);
        assertThat(accounts.book(filter(null, null, OMAR)).list().totalArr()).as("an account deleted")
                .isEqualByComparingTo("30000");

        // GOLF's own scoring (a listener, moments after each change) is over before the bands are counted.
        awaitScoring();
        assertThat(accounts.book(filter(HealthBand.RED, null, null)).list().total()).isEqualTo(2);
        // The health module moves CHARLIE to red: its current score, and the snapshot a change of score writes.
        long charlie = jdbc.sql("select id from account where external_id = 'CHARLIE'").query(Long.class).single();
        jdbc.sql("update account_health set score = 41.0, band = 'RED' where account_id = ?").param(charlie).update();
        jdbc.sql("insert into health_snapshot (account_id, as_of, taken_at, score, band, scorecard, version, cause, measures) "
                + "values (?, ?, current_timestamp, 41.0, 'RED', 'standard', 'test', 'change', '[]')")
                .params(charlie, Date.valueOf(TODAY)).update();
        Accounts.Book red = accounts.book(filter(HealthBand.RED, null, null));
        assertThat(red.list().total()).as("a score that changed band").isEqualTo(3);
        assertThat(red.list().totalArr()).isEqualByComparingTo("148000");
    }

    @Test
    void theBookSortsByHealthScoreWithUnscoredAccountsLastEitherWay() {
        assertThat(names(sorted("health"))).containsExactly("FOXTROT", "ALPHA", "BRAVO", "CHARLIE", "DELTA", HOSTILE);
        assertThat(names(sorted("-health"))).containsExactly("CHARLIE", "BRAVO", "ALPHA", "FOXTROT", "DELTA", HOSTILE);
    }

    @Test
    void thePageShowsEachAccountsHealthAsABandAndFiltersByBandAndRisk() {
        String page = maya.send("GET", "/book", Map.of()).body();
        assertThat(page).contains("<select name=\"health\"", "<select name=\"risk\"", "Renewing in 90 days",
                "href=\"/book?sort=health\"");
        assertThat(page).containsPattern("45\\.0</span>\\s*<span class=\"band red\">red</span>");
        assertThat(page).containsPattern("<span class=\"band none\">unscored</span>");

        String red = maya.send("GET", "/book", Map.of("health", "red", "sort", "-health")).body();
        assertThat(red).contains("2</span> accounts", "ALPHA", "FOXTROT").doesNotContain(">BRAVO<", ">CHARLIE<");
        assertThat(red).containsPattern("<option value=\"red\"\\s+selected");
        assertThat(maya.send("GET", "/book", Map.of("risk", "at-risk-renewing")).body()).contains("1</span> accounts");
        assertThat(maya.send("GET", "/book", Map.of("health", "purple")).body()).as("a stale value is dropped")
                .contains("6</span> accounts");
    }

    @Test
    void theCsvHoldsEveryMatchingAccountWithTheColumnsOfThePageAndAHostileNameDefused() throws IOException {
        HttpResponse<String> csv = maya.send("GET", "/book.csv", Map.of("owner", MAYA, "sort", "-arr"));

        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/csv").contains("UTF-8");
        assertThat(csv.headers().firstValue("Content-Disposition").orElseThrow())
                .isEqualTo("attachment; filename=\"lodestar-book-2026-06-30.csv\"");
        List<CSVRecord> rows = parse(csv.body());
        assertThat(rows).hasSize(3);
        assertThat(rows.get(0).toMap()).isEqualTo(Map.ofEntries(Map.entry("account_id", String.valueOf(alpha)),
                Map.entry("external_id", "ALPHA"), Map.entry("name", "ALPHA"), Map.entry("arr", "120000.00"),
                Map.entry("health_score", "45.0"), Map.entry("health_band", "red"), Map.entry("segment", "enterprise"),
                Map.entry("stage", "mature"), Map.entry("owner_email", MAYA), Map.entry("owner_name", "maya"),
                Map.entry("renewal_date", "2026-08-09")));
        assertThat(rows.get(1).get("external_id")).isEqualTo("BRAVO");
        CSVRecord hostile = rows.get(2);
        assertThat(hostile.get("account_id")).isEqualTo(String.valueOf(echo));
        assertThat(hostile.get("name")).as("a spreadsheet must not run it").isEqualTo("'" + HOSTILE);
        assertThat(hostile.get("health_score")).isEmpty();
        assertThat(hostile.get("health_band")).isEqualTo("unscored");

        // Every matching account, not one page: the page size is 50, the export has no such limit.
        for (int i = 0; i < 55; i++) {
            account("BULK-" + i, "Bulk " + i, OMAR, "1000", 400);
        }
        assertThat(parse(maya.send("GET", "/book.csv", Map.of("owner", OMAR)).body())).hasSize(57);
        assertThat(maya.send("GET", "/book", Map.of()).body()).contains("id=\"download-csv\"",
                "href=\"/book.csv?sort=name\"");
    }

    @Test
    void theApiExportsTheSameCsvAndRefusesAnUnknownBand() throws IOException {
        ApiClient.Response csv = api.get("/api/accounts.csv?risk=at-risk&sort=health");
        assertThat(csv.status()).isEqualTo(200);
        assertThat(parse(csv.body()).stream().map(r -> r.get("external_id")).toList())
                .containsExactly("FOXTROT", "ALPHA", "BRAVO");
        assertThat(api.get("/api/accounts.csv?health=purple").status()).isEqualTo(400);
        assertThat(api.get("/api/accounts?health=unscored").json().get("total").asInt()).isEqualTo(2);
    }

    /** The health page's list of one band downloads too, lowest score first as that page lists it. */
    @Test
    void theHealthPagesAccountsOfABandDownloadAsCsv() throws IOException {
        HttpResponse<String> csv = maya.send("GET", "/health/accounts.csv", Map.of("band", "red"));

        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Disposition").orElseThrow())
                .isEqualTo("attachment; filename=\"lodestar-health-accounts-2026-06-30.csv\"");
        List<CSVRecord> rows = parse(csv.body());
        assertThat(rows).extracting(r -> r.get("name")).containsExactly("FOXTROT", "ALPHA");
        assertThat(rows.get(1).toMap()).isEqualTo(Map.of("account_id", String.valueOf(alpha), "name", "ALPHA",
                "segment", "enterprise", "owner", "maya", "arr", "120000.00", "health_score", "45.0", "health_band", "red",
                "renewal_date", "2026-08-09"));
        assertThat(parse(maya.send("GET", "/health/accounts.csv", Map.of("band", "none")).body()))
                .extracting(r -> r.get("name")).containsExactly("'" + HOSTILE);
        assertThat(maya.send("GET", "/health/accounts", Map.of("band", "red", "segment", "smb")).body())
                .contains("href=\"/health/accounts.csv?segment=smb&amp;band=red\"");
    }

    @Test
    void aUserSavesTheCurrentViewPicksItAgainAndDeletesIt() {
        HttpResponse<String> saved = maya.send("POST", "/book/views",
                Map.of("name", "  Red renewals ", "query", "health=red&risk=renewing&sort=-arr"));

        assertThat(saved.statusCode()).isEqualTo(302);
        assertThat(location(saved)).isEqualTo("/book?health=red&risk=renewing&sort=-arr");
        String page = maya.send("GET", "/book", Map.of("health", "red", "risk", "renewing", "sort", "-arr")).body();
        assertThat(page).contains("Saved the view Red renewals.", "1</span> accounts");
        long id = jdbc.sql("select id from saved_view where name = 'Red renewals'").query(Long.class).single();
        assertThat(page).contains("<a href=\"/book?health=red&amp;risk=renewing&amp;sort=-arr\" id=\"view-" + id + "\">Red renewals</a>");

        FormSession omar = new FormSession(port);
        omar.signIn(OMAR, PASSWORD);
        assertThat(omar.send("GET", "/book", Map.of()).body()).as("views are their owner's").doesNotContain("Red renewals");
        omar.send("POST", "/book/views/" + id + "/delete", Map.of());
        assertThat(jdbc.sql("select count(*) from saved_view").query(Integer.class).single()).isEqualTo(1);

        HttpResponse<String> deleted = maya.send("POST", "/book/views/" + id + "/delete", Map.of());
        assertThat(location(deleted)).isEqualTo("/book");
        assertThat(maya.send("GET", "/book", Map.of()).body()).contains("Deleted the view Red renewals.")
                .doesNotContain("id=\"view-" + id + "\"");
        assertThat(jdbc.sql("select count(*) from saved_view").query(Integer.class).single()).isZero();
    }

    /** A stale bookmark still opens the book, saying what of it was left out and what was expected. */
    @Test
    void filtersTheBookDoesNotKnowAreSaidToBeLeftOut() {
        String page = maya.send("GET", "/book", Map.of("health", "purple", "sort", "bogus", "stage", "mature")).body();
        assertThat(page).contains("Left out of the filters:", "health &#39;purple&#39; is not one of red, yellow, green",
                "sort &#39;bogus&#39; is not a column of the book: sorted by name").doesNotContain("stage &#39;");
        assertThat(maya.send("GET", "/book", Map.of("health", "red", "sort", "-arr")).body())
                .doesNotContain("Left out of the filters");
    }

    @Test
    void aBadViewNameIsNamedOnThePageAndNothingIsSaved() {
        assertThat(follow(maya, maya.send("POST", "/book/views", Map.of("name", "Mine", "query", "sort=name"))))
                .contains("Saved the view Mine.");

        HttpResponse<String> empty = maya.send("POST", "/book/views", Map.of("name", "  ", "query", "health=red&sort=name"));
        assertThat(empty.statusCode()).isEqualTo(302);
        assertThat(location(empty)).as("back to the same filters").isEqualTo("/book?health=red&sort=name");
        assertThat(follow(maya, empty)).contains("No view was saved.", "Name: give the view a name", "2</span> accounts");

        assertThat(follow(maya, maya.send("POST", "/book/views", Map.of("name", "x".repeat(81), "query", "sort=name"))))
                .contains("Name: must be at most 80 characters, got 81");
        assertThat(follow(maya, maya.send("POST", "/book/views", Map.of("name", "MINE", "query", "sort=arr"))))
                .contains("You have a view named &#39;MINE&#39; already: pick another name or delete that one");

        HttpResponse<String> odd = maya.send("POST", "/book/views", Map.of("name", "Odd", "query", "x={evil}#top"));
        assertThat(location(odd)).as("a query that fails its check is not sent back").isEqualTo("/book");
        assertThat(follow(maya, odd)).contains("Filters: expected the page&#39;s filters as a query string");

        // Posted by hand (or from a page of an older build): filters the book does not know are named, nothing saved.
        HttpResponse<String> unknown = maya.send("POST", "/book/views", Map.of("name", "Stale",
                "query", "stage=sleeping&health=red&risk=soon&sort=colour"));
        assertThat(location(unknown)).isEqualTo("/book");
        assertThat(follow(maya, unknown)).contains("No view was saved.",
                "Filters: stage &#39;sleeping&#39; is not one of", "Filters: risk &#39;soon&#39; is not one of",
                "Filters: sort &#39;colour&#39; is not a column of the book").doesNotContain("Filters: health");

        assertThat(jdbc.sql("select name from saved_view").query(String.class).list()).containsExactly("Mine");
    }

    @Test
    void aReadOnlyUserKeepsViewsToo() {
        FormSession viewer = new FormSession(port);
        viewer.signIn(VIEWER, PASSWORD);

        HttpResponse<String> saved = viewer.send("POST", "/book/views", Map.of("name", "At risk", "query", "risk=at-risk&sort=name"));

        assertThat(saved.statusCode()).isEqualTo(302);
        assertThat(follow(viewer, saved)).contains("Saved the view At risk.", ">At risk</a>", "3</span> accounts");
        assertThat(viewer.send("POST", "/book/reassign", Map.of("owner", MAYA)).statusCode())
                .as("and still changes no account").isEqualTo(403);
    }

    private long account(String externalId, String name, String owner, String arr, int renewalInDays) {
        ApiClient.Response created = api.post("/api/accounts", ApiClient.json(owner == null
                ? Map.of("externalId", externalId, "name", name, "stage", "mature")
                : Map.of("externalId", externalId, "name", name, "stage", "mature", "owner", owner)));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        long id = created.json().get("id").asLong();
        // The contracts module keeps ARR and renewal current; here they are set as it would leave them.
        BigDecimal value = new BigDecimal(arr);
        String segment = value.compareTo(new BigDecimal("100000")) >= 0 ? "enterprise"
                : value.compareTo(new BigDecimal("25000")) >= 0 ? "mid-market" : "smb";
        jdbc.sql("update account set arr = ?, renewal_date = ?, segment = ? where id = ?")
                .params(value, Date.valueOf(TODAY.plusDays(renewalInDays)), segment, id).update();
        return id;
    }

    /**
     * A new account is scored moments after it is created, by a listener (the product is asynchronous there): wait,
     * at most 10 s, until nothing is due, so that the scores set by hand are not overwritten.
     */
    private void awaitRescores() {
        await("(select count(*) from health_rescore_due) + (select count(*) from account a where not exists "
                + "(select 1 from account_health h where h.account_id = a.id))");
    }

    /** Waits, at most 10 s, until no account is due to be scored again. */
    private void awaitScoring() {
        await("(select count(*) from health_rescore_due)");
    }

    /** Waits, at most 10 s, until the count is 0. */
    private void await(String count) {
        long until = System.nanoTime() + 10_000_000_000L;
        while (jdbc.sql("select " + count + " as n").query(Long.class).single() > 0) {
            assertThat(System.nanoTime()).as("accounts scored within 10 s: " + count).isLessThan(until);
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    /** The current score, as the health module stores it; a null score with band NONE is a score with no data. */
    private void health(long id, String score, String band) {
        jdbc.sql("insert into account_health (account_id, as_of, computed_at, score, band, scorecard, version, measures) "
                + "values (?, ?, current_timestamp, ?, ?, 'standard', 'test', '[]')")
                .params(id, Date.valueOf(TODAY), score == null ? null : new BigDecimal(score), band).update();
    }

    private static AccountFilter filter(HealthBand health, BookRisk risk, String owner) {
        return new AccountFilter(owner, null, null, null, health, risk, null, "id", 0, 50);
    }

    private static AccountFilter sorted(String sort) {
        return new AccountFilter(null, null, null, null, null, null, null, sort, 0, 50);
    }

    private List<String> names(AccountFilter filter) {
        return accounts.list(filter).accounts().stream().map(Account::name).toList();
    }

    private static List<CSVRecord> parse(String csv) throws IOException {
        return CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(new StringReader(csv)).getRecords();
    }

    /** The page a post sent the browser to, where its notice shows once. */
    private static String follow(FormSession session, HttpResponse<String> response) {
        return session.send("GET", location(response), Map.of()).body();
    }

    private static String location(HttpResponse<String> response) {
        URI to = URI.create(response.headers().firstValue("Location").orElseThrow());
        return to.getRawPath() + (to.getRawQuery() == null ? "" : "?" + to.getRawQuery());
    }
}
