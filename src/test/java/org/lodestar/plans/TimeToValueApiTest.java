package org.lodestar.plans;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

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

import tools.jackson.databind.JsonNode;

/**
 * Time-to-value through the API on 10 March 2026, from plans started and value milestones done at chosen days
 * (hand-computed):
 * <pre>
 * Alpha    smb         Maya  kickoff  5 Jan, value 23 Jan   18 days
 * Bravo    smb         Maya  kickoff 12 Jan, value 11 Feb   30 days
 * Charlie  smb         Tom   kickoff  2 Feb, open           36 days so far
 * Delta    enterprise  Maya  kickoff 16 Feb, value  2 Mar   14 days
 * Echo     smb         Tom   no plan                        not counted
 * </pre>
 * Reached 14, 18, 30: median (2nd of 3) 18, p75 (⌈2.25⌉ = 3rd) 30.
 */
@LodestarTest
@Import(TestClock.Config.class)
class TimeToValueApiTest {

    private static final String MAYA = "maya@lodestar.test";
    private static final String TOM = "tom@lodestar.test";
    private static final LocalDate TODAY = LocalDate.of(2026, 3, 10);

    @LocalServerPort
    int port;
    @Autowired
    Book book;
    @Autowired
    TestClock clock;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    SuccessPlans plans;
    ApiClient maya;
    ApiClient viewer;
    long charlie;
    long alpha;
    long echo;

    @BeforeEach
    void setUp() {
        clock.setDay(LocalDate.of(2026, 1, 5));
        book.empty();
        maya = new ApiClient(port, book.tokenFor(MAYA, Role.CSM, TokenScope.WRITE));
        book.tokenFor(TOM, Role.CSM, TokenScope.WRITE);
        viewer = new ApiClient(port, book.tokenFor("viewer@lodestar.test", Role.READ_ONLY, TokenScope.READ));
        alpha = account("Alpha", "smb", MAYA);
        long bravo = account("Bravo", "smb", MAYA);
        charlie = account("Charlie", "smb", TOM);
        long delta = account("Delta", "enterprise", MAYA);
        echo = account("Echo", "smb", TOM);
        long alphaValue = plan(alpha, "2026-01-05");
        long bravoValue = plan(bravo, "2026-01-12");
        plan(charlie, "2026-02-02");
        long deltaValue = plan(delta, "2026-02-16");
        done(alphaValue, LocalDate.of(2026, 1, 23));
        done(bravoValue, LocalDate.of(2026, 2, 11));
        done(deltaValue, LocalDate.of(2026, 3, 2));
        clock.setDay(TODAY);
    }

    private long account(String name, String segment, String owner) {
        long id = maya.post("/api/accounts", "{\"externalId\":\"P-" + name + "\",\"name\":\"" + name + "\",\"owner\":\"" + owner
                + "\"}").json().get("id").asLong();
        // The segment follows from ARR; set here directly, as contracts are beside the point.
        jdbc.sql("update account set segment = ? where id = ?").params(segment, id).update();
        return id;
    }

    /** Starts the SMB onboarding plan on the day; returns its value milestone. */
    private long plan(long account, String startsOn) {
        ApiClient.Response created = maya.post("/api/accounts/" + account + "/plans",
                "{\"template\":\"smb-onboarding\",\"startsOn\":\"" + startsOn + "\"}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().get("outcomes").valueStream().flatMap(o -> o.get("milestones").valueStream())
                .filter(m -> m.get("value").asBoolean()).findFirst().orElseThrow().get("id").asLong();
    }

    private void done(long milestone, LocalDate on) {
        clock.setDay(on);
        assertThat(maya.put("/api/milestones/" + milestone, "{\"status\":\"done\"}").status()).isEqualTo(200);
    }

    private static List<Object> figures(JsonNode group) {
        return List.of(group.get("key").asString(), group.get("accounts").asInt(), group.get("reached").asInt(),
                group.get("open").asInt(), group.get("medianDays").isNull() ? "none" : group.get("medianDays").asInt(),
                group.get("p75Days").isNull() ? "none" : group.get("p75Days").asInt(),
                group.get("oldestOpenDays").isNull() ? "none" : group.get("oldestOpenDays").asInt(),
                group.get("openPastMedian").asInt());
    }

    @Test
    void theTeamsTimeToValueBySegmentCohortAndCsm() {
        ApiClient.Response response = viewer.get("/api/time-to-value");
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        JsonNode report = response.json();

        assertThat(figures(report.get("all"))).containsExactly("all", 4, 3, 1, 18, 30, 36, 1);
        assertThat(report.get("bySegment").valueStream().map(TimeToValueApiTest::figures).toList()).containsExactly(
                List.of("enterprise", 1, 1, 0, 14, 14, "none", 0), List.of("smb", 3, 2, 1, 18, 30, 36, 1));
        assertThat(report.get("byCohort").valueStream().map(TimeToValueApiTest::figures).toList()).containsExactly(
                List.of("2026-01", 2, 2, 0, 18, 30, "none", 0), List.of("2026-02", 2, 1, 1, 14, 14, 36, 1));
        assertThat(report.get("byOwner").valueStream().map(TimeToValueApiTest::figures).toList()).containsExactly(
                List.of(MAYA, 3, 3, 0, 18, 30, "none", 0), List.of(TOM, 1, 0, 1, "none", "none", 36, 0));
        JsonNode longest = report.get("longestOpen");
        assertThat(longest).hasSize(1);
        assertThat(longest.get(0).get("name").asString()).isEqualTo("Charlie");
        assertThat(longest.get(0).get("days").asInt()).isEqualTo(36);
        assertThat(report.get("accounts").isNull()).isTrue();
    }

    @Test
    void oneCsmsAccountsAndEveryAccountsRow() {
        JsonNode mine = maya.get("/api/time-to-value?owner=" + MAYA + "&detail=accounts").json();
        assertThat(figures(mine.get("all"))).containsExactly("all", 3, 3, 0, 18, 30, "none", 0);
        assertThat(mine.get("accounts").valueStream().map(r -> r.get("name").asString() + " " + r.get("kickoff").asString()
                + " " + r.get("days").asInt())).containsExactly("Alpha 2026-01-05 18", "Bravo 2026-01-12 30", "Delta 2026-02-16 14");

        ApiClient.Response stranger = maya.get("/api/time-to-value?owner=nobody@lodestar.test");
        assertThat(stranger.status()).isEqualTo(400);
        assertThat(stranger.body()).contains("no user has the email 'nobody@lodestar.test'");
        ApiClient.Response bad = maya.get("/api/time-to-value?detail=everything");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body()).contains("detail");
    }

    @Test
    void oneAccountAgainstItsSegment() {
        JsonNode open = viewer.get("/api/accounts/" + charlie + "/time-to-value").json();
        assertThat(open.get("timeToValue").get("reached").asBoolean()).isFalse();
        assertThat(open.get("timeToValue").get("days").asInt()).isEqualTo(36);
        assertThat(open.get("segmentMedianDays").asInt()).isEqualTo(18);
        assertThat(open.get("summary").asString()).isEqualTo(
                "Day 36 since kickoff on 2026-02-02: value not reached yet; smb median 18 days, open longer than that.");

        JsonNode reached = viewer.get("/api/accounts/" + alpha + "/time-to-value").json();
        assertThat(reached.get("summary").asString()).isEqualTo(
                "Value reached in 18 days (kickoff 2026-01-05, value 2026-01-23); smb median 18 days.");

        JsonNode none = viewer.get("/api/accounts/" + echo + "/time-to-value").json();
        assertThat(none.get("timeToValue").isNull()).isTrue();
        assertThat(viewer.get("/api/accounts/999999/time-to-value").status()).isEqualTo(404);
    }

    @Test
    void theTeamPageAndThePlanTabShowIt() {
        FormSession session = new FormSession(port);
        session.signIn(MAYA, "password-1234");
        String team = session.send("GET", "/team", Map.of()).body().replace("&quot;", "\"");
        assertThat(team).contains("<h2>Time to value</h2>", "id=\"ttv-chart\"", "\"labels\":[\"2026-01\",\"2026-02\"]",
                "\"data\":[18,14]", "\"data\":[30,14]");
        // smb: 3 accounts, 2 reached, median 18, p75 30, 1 open, oldest 36 days, 1 past the median.
        assertThat(team.replaceAll("\\s+", " ")).contains("id=\"ttv-segment-smb\"> <td class=\"nowrap\">smb</td> "
                + "<td class=\"num nowrap\">3</td> <td class=\"num nowrap\">2</td> <td class=\"num nowrap\">18 d</td> "
                + "<td class=\"num nowrap\">30 d</td> <td class=\"num nowrap\">1</td> <td class=\"num nowrap\">36 d</td> "
                + "<td class=\"num nowrap late\">1</td>");
        assertThat(team).containsPattern("Charlie</a>\\s*<strong class=\"late\">day 36</strong>");

        String tab = session.send("GET", "/accounts/" + charlie + "/plans", Map.of()).body();
        assertThat(tab).contains("id=\"plan-time-to-value\"", "value not reached yet",
                "Day 36 since kickoff on 2026-02-02: value not reached yet; smb median 18 days, open longer than that.");
        assertThat(session.send("GET", "/accounts/" + echo + "/plans", Map.of()).body()).doesNotContain("plan-time-to-value");
    }

    @Test
    void withoutAValueMilestoneTheTeamPageSaysSo() {
        book.empty();
        FormSession session = new FormSession(port);
        session.signIn(MAYA, "password-1234");
        assertThat(session.send("GET", "/team", Map.of()).body()).contains("id=\"ttv-none\"").doesNotContain("ttv-chart");
        assertThat(figures(viewer.get("/api/time-to-value").json().get("all"))).containsExactly("all", 0, 0, 0, "none", "none",
                "none", 0);
    }

    @Test
    void aBookWithItsHistoryRecordsValueReachedOnADayPast() {
        long value = plans.listForAccount(charlie).getFirst().milestones().stream().filter(Milestone::value).findFirst()
                .orElseThrow().id();
        assertThatThrownBy(() -> plans.completeAsOf(value, Instant.parse("2026-03-11T09:00:00Z"), null))
                .isInstanceOf(IllegalArgumentException.class);
        plans.completeAsOf(value, Instant.parse("2026-03-05T10:00:00Z"), "Confirmed");
        // 2 Feb to 5 March: 26 + 5 = 31 days.
        JsonNode row = viewer.get("/api/accounts/" + charlie + "/time-to-value").json().get("timeToValue");
        assertThat(row.get("reachedOn").asString()).isEqualTo("2026-03-05");
        assertThat(row.get("days").asInt()).isEqualTo(31);
    }
}
