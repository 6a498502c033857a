package org.lodestar.worklist;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;

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
import org.springframework.test.context.TestPropertySource;

import tools.jackson.databind.JsonNode;

/**
 * Where the time goes, end to end: activities logged with durations and tasks completed at chosen instants, read back
 * per CSM for a month from the API and the Team page, against the target of the CSM's coverage models.
 */
@LodestarTest
@Import(TestClock.Config.class)
@TestPropertySource(properties = { "lodestar.health.live=false", "lodestar.playbooks.automated-coverage=" })
class TimeSplitApiTest {

    static final String WREN = "wren.time@lodestar.test";
    static final String OTTO = "otto.time@lodestar.test";

    @LocalServerPort
    int port;
    @Autowired
    Book book;
    @Autowired
    TestClock clock;
    ApiClient admin;
    ApiClient wren;
    ApiClient otto;
    long highTouch;

    @BeforeEach
    void setUp() {
        clock.set(Instant.parse("2026-12-01T08:00:00Z"));
        book.empty();
        admin = new ApiClient(port, LodestarTest.ADMIN_TOKEN);
        wren = new ApiClient(port, book.tokenFor(WREN, Role.CSM, TokenScope.WRITE));
        otto = new ApiClient(port, book.tokenFor(OTTO, Role.CSM, TokenScope.WRITE));
        // Wren's book: three high-touch accounts and one digital one; Otto's: one tech-touch account.
        highTouch = account("TS-HT-1", WREN, "high-touch");
        account("TS-HT-2", WREN, "high-touch");
        account("TS-HT-3", WREN, "high-touch");
        account("TS-DIG-1", WREN, "digital");
        account("TS-TT-1", OTTO, "tech-touch");
    }

    @Test
    void eachCsmsMonthAddsUpFromTheirActivitiesAndTasksAgainstTheirBlendedTarget() {
        clock.set(Instant.parse("2026-12-12T09:00:00Z"));
        // December in UTC: a QBR (60 min), a kickoff (90), a call Wren said was renewal work (30) and a note without a
        // duration (not counted).
        log(wren, "2026-12-03T15:00:00Z", "meeting", "qbr", 60);
        log(wren, "2026-12-10T09:00:00Z", "meeting", "kickoff", 90);
        log(wren, "2026-12-11T09:00:00Z", "call", null, 30, "renewal");
        log(wren, "2026-12-11T10:00:00Z", "note", null, null);
        // A call on the last evening of November is November's.
        log(wren, "2026-11-30T23:30:00Z", "call", null, 45);
        // Otto's 20-minute check-in.
        log(otto, "2026-12-04T11:00:00Z", "meeting", "check-in", 20);

        long rescue = task("Call the sponsor", "rescue");
        long renewal = task("Confirm the renewal plan", "renewal");
        long later = task("Send the recap", "expansion");
        clock.set(Instant.parse("2026-12-12T16:00:00Z"));
        assertThat(wren.post("/api/tasks/" + rescue + "/complete", "{\"minutesSpent\":50}").json().get("minutesSpent").asInt())
                .isEqualTo(50);
        // No minutes said: the renewal task counts the configured 30.
        assertThat(wren.post("/api/tasks/" + renewal + "/complete", "").status()).isEqualTo(200);
        clock.set(Instant.parse("2027-01-01T00:00:00Z"));
        assertThat(wren.post("/api/tasks/" + later + "/complete", "{\"minutesSpent\":40}").status()).isEqualTo(200);

        JsonNode december = admin.get("/api/team/time-split?month=2026-12").json();
        assertThat(december.get("month").asString()).isEqualTo("2026-12");
        assertThat(december.get("from").asString()).isEqualTo("2026-12-01T00:00:00Z");
        assertThat(december.get("to").asString()).isEqualTo("2027-01-01T00:00:00Z");
        assertThat(december.get("csms")).extracting(c -> c.get("owner").asString()).containsExactly(OTTO, WREN);

        // Wren: rescue 50, renewal 30 + 30, onboarding 90, business reviews 60: 260 minutes. Shares 19.23, 23.08, 0,
        // 34.62, 23.08 and 0 % floor to 99; the point left goes to onboarding (.62).
        // Target: 3 high-touch and 1 digital account blend to 18, 22, 17, 14, 15, 14 (TimeSplitTest computes it).
        JsonNode w = december.get("csms").get(1);
        assertThat(w.get("book").get("high-touch").asInt()).isEqualTo(3);
        assertThat(w.get("split").get("totalMinutes").asInt()).isEqualTo(260);
        assertThat(rows(w)).containsExactly(
                "rescue 50 19% target 18 (+1)",
                "renewal 60 23% target 22 (+1)",
                "expansion 0 0% target 17 (-17)",
                "onboarding 90 35% target 14 (+21)",
                "business-reviews 60 23% target 15 (+8)",
                "other 0 0% target 14 (-14)");
        int minutes = 0;
        int shares = 0;
        for (JsonNode row : w.get("split").get("rows")) {
            minutes += row.get("minutes").asInt();
            shares += row.get("share").asInt();
        }
        assertThat(minutes).isEqualTo(260);
        assertThat(shares).isEqualTo(100);
        assertThat(List.of(w.get("tasks").asInt(), w.get("tasksAtDefault").asInt(), w.get("activities").asInt(),
                w.get("activitiesWithoutDuration").asInt())).containsExactly(2, 1, 3, 1);

        // Otto: 20 minutes of other against the tech-touch target.
        assertThat(rows(december.get("csms").get(0))).containsExactly(
                "rescue 0 0% target 20 (-20)", "renewal 0 0% target 25 (-25)", "expansion 0 0% target 15 (-15)",
                "onboarding 0 0% target 15 (-15)", "business-reviews 0 0% target 10 (-10)", "other 20 100% target 15 (+85)");

        // November: only Wren's late call; January: the expansion task.
        JsonNode november = admin.get("/api/team/time-split?month=2026-11").json();
        assertThat(november.get("csms").get(1).get("split").get("rows").get(5).get("minutes").asInt()).isEqualTo(45);
        assertThat(november.get("csms").get(1).get("split").get("totalMinutes").asInt()).isEqualTo(45);
        JsonNode january = admin.get("/api/team/time-split").json();
        assertThat(january.get("month").asString()).as("this month by default").isEqualTo("2027-01");
        assertThat(january.get("csms").get(1).get("split").get("rows").get(2).get("minutes").asInt()).isEqualTo(40);

        // The Team page shows December's table and chart.
        clock.set(Instant.parse("2026-12-20T09:00:00Z"));
        FormSession leader = new FormSession(port);
        leader.signIn(LodestarTest.ADMIN_EMAIL, LodestarTest.ADMIN_PASSWORD);
        String page = leader.send("GET", "/team", Map.of()).body();
        assertThat(page).contains("id=\"time-split\"", "Where the time goes", "December 2026", "id=\"time-split-chart\"",
                "4h 20m", "1h 30m", "35%", " of 14% target", "(+21)", "renewal 30m");
        assertThat(leader.send("GET", "/team?month=2026-11", Map.of()).body()).contains("November 2026", "45m");
        assertThat(leader.send("GET", "/team?month=soon", Map.of()).body()).contains("id=\"time-errors\"",
                "expected a month as YYYY-MM (e.g. 2026-12), got &#39;soon&#39;", "December 2026");
    }

    @Test
    void durationsAndMinutesAreWholeMinutesUpToADay() {
        assertThat(logResponse(wren, "call", 0).body()).contains("durationMinutes", "expected whole minutes from 1 to 1440, got 0");
        assertThat(logResponse(wren, "call", 1441).status()).isEqualTo(400);
        ApiClient.Response fractional = wren.post("/api/accounts/" + highTouch + "/timeline",
                "{\"kind\":\"call\",\"subject\":\"Call\",\"durationMinutes\":1.5}");
        assertThat(fractional.status()).as(fractional.body()).isEqualTo(400);
        assertThat(logResponse(wren, "call", 1440).status()).isEqualTo(201);
        JsonNode timeline = wren.get("/api/accounts/" + highTouch + "/timeline").json();
        assertThat(timeline).singleElement().satisfies(e -> assertThat(e.get("durationMinutes").asInt()).isEqualTo(1440));

        long task = task("Call the sponsor", "rescue");
        ApiClient.Response tooLong = wren.post("/api/tasks/" + task + "/complete", "{\"minutesSpent\":2000}");
        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(tooLong.body()).contains("minutesSpent", "expected whole minutes from 1 to 1440, got 2000");
        assertThat(wren.get("/api/tasks/" + task).json().get("status").asString()).as("still open").isEqualTo("open");

        // The account page's form names the field and keeps what was typed; the timeline shows a duration.
        FormSession form = new FormSession(port);
        form.signIn(LodestarTest.ADMIN_EMAIL, LodestarTest.ADMIN_PASSWORD);
        HttpResponse<String> bad = form.send("POST", "/accounts/" + highTouch + "/timeline", Map.of("kind", "call",
                "subject", "Renewal call", "durationMinutes", "1.5"));
        assertThat(bad.body()).contains("durationMinutes: expected whole minutes from 1 to 1440, got &#39;1.5&#39;",
                "value=\"Renewal call\"");
        form.send("POST", "/accounts/" + highTouch + "/timeline", Map.of("kind", "call", "subject", "Renewal call",
                "durationMinutes", "35", "category", "renewal"));
        assertThat(form.send("GET", "/accounts/" + highTouch + "?tab=timeline", Map.of()).body()).contains(" · 35 min",
                "<span class=\"pill\">Renewal</span>");
        assertThat(wren.get("/api/accounts/" + highTouch + "/timeline").json().get(0).get("category").asString())
                .isEqualTo("renewal");

        // Done on Today: minutes that are not whole are named and the task stays open; then done with minutes typed in.
        HttpResponse<String> refused = form.send("POST", "/tasks/" + task + "/complete", Map.of("minutesSpent", "half an hour"));
        assertThat(refused.statusCode()).isEqualTo(302);
        assertThat(form.send("GET", "/today", Map.of()).body()).contains("id=\"today-errors\"",
                "Minutes spent: expected whole minutes from 1 to 1440, got &#39;half an hour&#39;");
        assertThat(wren.get("/api/tasks/" + task).json().get("status").asString()).isEqualTo("open");
        form.send("POST", "/tasks/" + task + "/complete", Map.of("minutesSpent", "25"));
        assertThat(wren.get("/api/tasks/" + task).json().get("minutesSpent").asInt()).isEqualTo(25);
    }

    private static List<String> rows(JsonNode csm) {
        return StreamSupport.stream(csm.get("split").get("rows").spliterator(), false)
                .map(r -> r.get("category").asString() + " " + r.get("minutes").asInt() + " " + r.get("share").asInt() + "% target "
                        + r.get("target").asInt() + " (" + (r.get("difference").asInt() > 0 ? "+" : "")
                        + r.get("difference").asInt() + ")")
                .toList();
    }

    private long account(String externalId, String owner, String coverage) {
        ApiClient.Response created = admin.post("/api/accounts", "{\"externalId\":\"" + externalId + "\",\"name\":\"" + externalId
                + "\",\"stage\":\"mature\",\"owner\":\"" + owner + "\",\"coverage\":\"" + coverage + "\"}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().get("id").asLong();
    }

    private void log(ApiClient who, String at, String kind, String meetingType, Integer minutes) {
        log(who, at, kind, meetingType, minutes, null);
    }

    private void log(ApiClient who, String at, String kind, String meetingType, Integer minutes, String category) {
        ApiClient.Response logged = who.post("/api/accounts/" + highTouch + "/timeline", "{\"kind\":\"" + kind + "\""
                + (meetingType == null ? "" : ",\"meetingType\":\"" + meetingType + "\"")
                + (category == null ? "" : ",\"category\":\"" + category + "\"") + ",\"occurredAt\":\"" + at
                + "\",\"subject\":\"" + kind + " at " + at + "\"" + (minutes == null ? "" : ",\"durationMinutes\":" + minutes) + "}");
        assertThat(logged.status()).as(logged.body()).isEqualTo(201);
    }

    private ApiClient.Response logResponse(ApiClient who, String kind, int minutes) {
        return who.post("/api/accounts/" + highTouch + "/timeline", "{\"kind\":\"" + kind + "\",\"subject\":\"A " + kind
                + "\",\"durationMinutes\":" + minutes + "}");
    }

    private long task(String title, String category) {
        ApiClient.Response created = wren.post("/api/tasks", "{\"accountId\":" + highTouch + ",\"title\":\"" + title
                + "\",\"category\":\"" + category + "\",\"ownerEmail\":\"" + WREN + "\"}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().get("id").asLong();
    }
}
