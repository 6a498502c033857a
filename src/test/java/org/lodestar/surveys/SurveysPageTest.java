package org.lodestar.surveys;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

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

/**
 * The surveys page on 2026-06-30, whose default window, the last 90 days, begins on 1 April:
 *
 * <pre>
 *   answer  account  owner  kind  score  answered             category
 *   S9      Hostile  maya   NPS    9     2026-06-28           promoter   (its comment is a formula)
 *   S7      Acme     maya   CSAT   2     2026-06-26           not satisfied
 *   S6      Acme     maya   CSAT   5     2026-06-25           satisfied
 *   S1      Acme     maya   NPS   10     2026-06-20           promoter   (from Dana, a contact of Acme)
 *   S8      Bolt     omar   NPS    2     2026-06-15           detractor
 *   S2      Acme     maya   NPS    9     2026-06-10           promoter
 *   S3      Acme     maya   NPS    7     2026-05-15           passive
 *   S4      Acme     maya   NPS    3     2026-04-01 00:00     detractor  (the window's first instant)
 *   S5      Acme     maya   NPS    8     2026-03-31 23:59     passive    (just before the window)
 * </pre>
 *
 * NPS by hand, percent promoters less percent detractors, rounded half away from zero:
 * Maya's last 90 days: S9 S1 S2 promote, S3 passive, S4 detracts: 3/5 − 1/5 = 60 − 20 = 40; CSAT 1 of 2 = 50%.
 * The whole book's last 90 days adds S8: 3/6 − 2/6 = 16.7 → 17. Maya's at any time adds S5: 3/6 − 1/6 = 33.3 → 33.
 * Maya's last 30 days (from 31 May): S9 S1 S2: 100.
 */
@LodestarTest
@Import(TestClock.Config.class)
class SurveysPageTest {

    private static final LocalDate TODAY = LocalDate.parse("2026-06-30");
    private static final String PASSWORD = "password-1234";
    private static final String MAYA = "maya@lodestar.test";
    private static final String OMAR = "omar@lodestar.test";
    private static final String LEAD = "lena.lead@lodestar.test";
    private static final String VIEWER = "viewer@lodestar.test";
    private static final String HOSTILE_COMMENT = "=SUM(A1:A9)";

    @LocalServerPort
    int port;
    @Autowired
    Book book;
    @Autowired
    TestClock clock;
    ApiClient api;
    FormSession maya;
    long acme;
    long bolt;

    @BeforeEach
    void setUp() {
        clock.setDay(TODAY);
        book.empty();
        book.tokenFor(MAYA, Role.CSM, TokenScope.WRITE);
        book.tokenFor(OMAR, Role.CSM, TokenScope.WRITE);
        book.tokenFor(LEAD, Role.LEADER, TokenScope.WRITE);
        book.tokenFor(VIEWER, Role.READ_ONLY, TokenScope.READ);
        api = new ApiClient(port, LodestarTest.ADMIN_TOKEN);
        acme = account("ACME", "Acme", MAYA);
        bolt = account("BOLT", "Bolt", OMAR);
        long hostile = account("HOSTILE", "Hostile", MAYA);
        ApiClient.Response dana = api.post("/api/accounts/" + acme + "/stakeholders", ApiClient.json(Map.of("email",
                "dana@acme.example", "name", "Dana Reyes", "role", "champion")));
        assertThat(dana.status()).as(dana.body()).isEqualTo(201);
        answer(hostile, "S9", "nps", 9, "2026-06-28T10:00:00Z", HOSTILE_COMMENT, null);
        answer(acme, "S7", "csat", 2, "2026-06-26T10:00:00Z", "Support was slow", null);
        answer(acme, "S6", "csat", 5, "2026-06-25T10:00:00Z", "Quick fix", null);
        answer(acme, "S1", "nps", 10, "2026-06-20T10:00:00Z", "Love it", "Dana@Acme.example");
        answer(bolt, "S8", "nps", 2, "2026-06-15T10:00:00Z", "Too many outages", "ops@bolt.example");
        answer(acme, "S2", "nps", 9, "2026-06-10T10:00:00Z", "Great team", null);
        answer(acme, "S3", "nps", 7, "2026-05-15T10:00:00Z", "Fine", null);
        answer(acme, "S4", "nps", 3, "2026-04-01T00:00:00Z", "Too slow", null);
        answer(acme, "S5", "nps", 8, "2026-03-31T23:59:59Z", "Decent", null);
        maya = new FormSession(port);
        maya.signIn(MAYA, PASSWORD);
    }

    @Test
    void aCsmSeesTheAnswersOfTheirAccountsOfTheLast90DaysWithTheirNpsAndALeaderTheBooks() {
        String mine = page(maya, Map.of());

        assertThat(comments(mine)).containsExactly(HOSTILE_COMMENT, "Support was slow", "Quick fix", "Love it", "Great team",
                "Fine", "Too slow");
        assertThat(mine).contains("id=\"surveys-nps\">40<", "NPS, 5 answers", "id=\"surveys-categories\">3 / 1 / 1<",
                "id=\"surveys-csat\">50%<", "CSAT satisfied, 2 answers", "Rows 1–7 of 7",
                "<option value=\"90\" selected=\"selected\">Last 90 days</option>");
        assertThat(mine).as("the respondent, by name when a contact of the account")
                .contains("<span>Dana Reyes</span>", "<div class=\"sub\">dana@acme.example</div>");
        assertThat(mine).contains("<a href=\"/accounts/" + acme + "\">Acme</a>");

        String book = page(signIn(LEAD), Map.of());
        assertThat(comments(book)).hasSize(8).contains("Too many outages");
        assertThat(book).contains("id=\"surveys-nps\">17<", "id=\"surveys-categories\">3 / 1 / 2<");
        assertThat(page(maya, Map.of("days", "all"))).contains("id=\"surveys-nps\">33<", "Rows 1–8 of 8");
        assertThat(page(maya, Map.of("days", "30"))).contains("id=\"surveys-nps\">100<", "Rows 1–5 of 5");
    }

    @Test
    void kindAndBandNarrowTheAnswersAndTheScores() {
        String detractors = page(maya, Map.of("band", "detractor"));
        assertThat(comments(detractors)).containsExactly("Too slow");
        assertThat(detractors).contains("id=\"surveys-nps\">-100<", "id=\"surveys-csat\">—<");

        String csat = page(maya, Map.of("kind", "csat"));
        assertThat(comments(csat)).containsExactly("Support was slow", "Quick fix");
        assertThat(csat).contains("id=\"surveys-nps\">—<", "id=\"surveys-csat\">50%<");

        String promoters = page(signIn(LEAD), Map.of("kind", "nps", "band", "promoter"));
        assertThat(comments(promoters)).containsExactly(HOSTILE_COMMENT, "Love it", "Great team");
        assertThat(promoters).contains("id=\"surveys-nps\">100<");

        String both = page(maya, Map.of("kind", "csat", "band", "promoter"));
        assertThat(comments(both)).as("a band is of NPS answers: left out for CSAT").hasSize(2);
        assertThat(both).contains("band: only NPS answers are promoters, passives or detractors; showing every CSAT answer");
    }

    @Test
    void fiftyRowsAPageWithTheSecondPageHoldingTheRest() {
        for (int i = 0; i < 55; i++) {
            answer(bolt, "B-" + i, "csat", 4, Instant.parse("2026-05-01T00:00:00Z").plusSeconds(3600L * i).toString(),
                    "Bulk " + i, null);
        }
        FormSession lead = signIn(LEAD);

        String first = page(lead, Map.of());
        assertThat(comments(first)).hasSize(50).startsWith(HOSTILE_COMMENT).endsWith("Bulk 13", "Bulk 12");
        assertThat(first).contains("Rows 1–50 of 63", "href=\"/surveys?accounts=all&amp;days=90&amp;page=2\"");
        assertThat(first).as("CSAT over every match: 56 of 57 satisfied").contains("id=\"surveys-csat\">98%<");

        String second = page(lead, Map.of("page", "2"));
        assertThat(comments(second)).containsExactly("Bulk 11", "Bulk 10", "Bulk 9", "Bulk 8", "Bulk 7", "Bulk 6", "Bulk 5",
                "Bulk 4", "Bulk 3", "Bulk 2", "Bulk 1", "Bulk 0", "Too slow");
        assertThat(second).contains("Rows 51–63 of 63");
    }

    @Test
    void theCsvHoldsEveryMatchingAnswerWithTheCommentDefused() throws IOException {
        HttpResponse<String> csv = maya.send("GET", "/surveys.csv", Map.of("kind", "nps"));

        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Disposition").orElseThrow())
                .isEqualTo("attachment; filename=\"lodestar-surveys-2026-06-30.csv\"");
        assertThat(csv.body()).startsWith("response_id,external_id,account_id,account_name,kind,score,nps_category,comment,"
                + "respondent_email,contact_name,responded_at,source\r\n");
        List<CSVRecord> rows = parse(csv.body());
        assertThat(rows).extracting(r -> r.get("external_id")).containsExactly("S9", "S1", "S2", "S3", "S4");
        assertThat(rows.get(0).get("comment")).isEqualTo("'" + HOSTILE_COMMENT);
        Map<String, String> dana = new LinkedHashMap<>(rows.get(1).toMap());
        dana.remove("response_id");
        assertThat(dana).isEqualTo(Map.ofEntries(Map.entry("external_id", "S1"), Map.entry("account_id", String.valueOf(acme)),
                Map.entry("account_name", "Acme"), Map.entry("kind", "nps"), Map.entry("score", "10"),
                Map.entry("nps_category", "promoter"), Map.entry("comment", "Love it"),
                Map.entry("respondent_email", "dana@acme.example"), Map.entry("contact_name", "Dana Reyes"),
                Map.entry("responded_at", "2026-06-20T10:00:00Z"), Map.entry("source", "api")));
        assertThat(parse(maya.send("GET", "/surveys.csv", Map.of("days", "all", "band", "passive")).body()))
                .extracting(r -> r.get("external_id")).containsExactly("S3", "S5");
    }

    @Test
    void badParametersAreNamedOnThePageAndAReadOnlyUserReadsIt() {
        HttpResponse<String> bad = maya.send("GET", "/surveys", Map.of("kind", "ces", "days", "45", "page", "0"));

        assertThat(bad.statusCode()).isEqualTo(200);
        assertThat(bad.body()).contains("kind: expected one of nps, csat, got &#39;ces&#39;; showing both kinds",
                "days: expected one of 30, 90, 180, 365, got &#39;45&#39;; showing the last 90 days",
                "page: expected a whole number from 1, got &#39;0&#39;; showing page 1");
        assertThat(comments(bad.body())).hasSize(7);
        for (Map<String, String> params : List.of(Map.of("band", "fan"), Map.of("days", "x"), Map.of("page", "-1"))) {
            assertThat(maya.send("GET", "/surveys", params).statusCode()).as(params.toString()).isEqualTo(200);
            assertThat(maya.send("GET", "/surveys.csv", params).statusCode()).as(params.toString()).isEqualTo(200);
        }

        FormSession viewer = signIn(VIEWER);
        String all = page(viewer, Map.of());
        assertThat(comments(all)).as("a read-only user starts on the whole book").hasSize(8);
        assertThat(all).contains("<a href=\"/tickets\">Tickets</a>", "<strong>Surveys</strong>");
        assertThat(viewer.send("GET", "/accounts/" + acme + "/surveys", Map.of()).body())
                .contains("id=\"all-surveys\" href=\"/surveys\"");
    }

    private long account(String externalId, String name, String owner) {
        ApiClient.Response created = api.post("/api/accounts", ApiClient.json(Map.of("externalId", externalId, "name", name,
                "owner", owner)));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().get("id").asLong();
    }

    private void answer(long account, String externalId, String kind, int score, String respondedAt, String comment,
            String email) {
        Map<String, Object> draft = new LinkedHashMap<>(Map.of("externalId", externalId, "kind", kind, "score", score,
                "respondedAt", respondedAt, "comment", comment));
        if (email != null) {
            draft.put("respondentEmail", email);
        }
        ApiClient.Response created = api.post("/api/accounts/" + account + "/surveys", ApiClient.json(draft));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
    }

    private FormSession signIn(String email) {
        FormSession session = new FormSession(port);
        session.signIn(email, PASSWORD);
        return session;
    }

    private static String page(FormSession session, Map<String, String> params) {
        HttpResponse<String> answer = session.send("GET", "/surveys", params);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return answer.body();
    }

    /** The comments of the answers the page lists, in its order. */
    private static List<String> comments(String page) {
        return Pattern.compile("<td class=\"comment\">([^<]*)</td>").matcher(page).results().map(m -> m.group(1)).toList();
    }

    private static List<CSVRecord> parse(String csv) throws IOException {
        return CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(new StringReader(csv)).getRecords();
    }
}
