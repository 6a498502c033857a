package org.lodestar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.lodestar.Situation.anAccount;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.lodestar.audit.Actor;
import org.lodestar.audit.Actors;
import org.lodestar.errors.InvalidInput;
import org.lodestar.people.ApiTokens;
import org.lodestar.people.Role;
import org.lodestar.people.TokenScope;
import org.lodestar.people.Users;
import org.lodestar.usage.Tracker;
import org.lodestar.usage.UsageRollups;
import org.lodestar.usage.WriteKeys;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The domain metrics as Prometheus sees them: real tracking calls, signals, a play, outreach through a real mail
 * server and an overdue task move the series on {@code /actuator/prometheus} by what was done, scraped with a metrics
 * token that reads nothing else; and the example Grafana dashboard queries only series the app has.
 */
@LodestarTest
@Import(TestClock.Config.class)
@TestPropertySource(properties = {
        // Scores and plays as this test sets them: no rescoring behind its back, the plays' steps as written.
        "lodestar.health.live=false", "lodestar.playbooks.automated-coverage=",
        // The test adds stored calls to the rollups itself, at an instant it chose, so that the lag is known.
        "lodestar.usage.rollup-delay-ms=3600000" })
class MetricsTest {

    private static final Instant RECEIVED = Instant.parse("2026-06-30T09:00:00Z");
    private static final LocalDate TODAY = LocalDate.of(2026, 6, 30);
    private static final String CSM = "metrics.csm@lodestar.test";
    private static final Path DASHBOARD = Path.of("docs/grafana-dashboard.json");

    @RegisterExtension
    static SmtpServer mail = SmtpServer.onFreePort();

    @DynamicPropertySource
    static void mailServer(DynamicPropertyRegistry registry) {
        mail.register(registry);
    }

    @LocalServerPort
    int port;
    @Autowired
    Book book;
    @Autowired
    Users users;
    @Autowired
    ApiTokens tokens;
    @Autowired
    WriteKeys writeKeys;
    @Autowired
    UsageRollups rollups;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    TestClock clock;

    ApiClient admin;
    String metricsToken;

    @BeforeEach
    void setUp() {
        clock.set(RECEIVED);
        book.empty();
        book.tokenFor(CSM, Role.CSM, TokenScope.READ);
        admin = new ApiClient(port, LodestarTest.ADMIN_TOKEN);
        metricsToken = book.tokenFor("prometheus@lodestar.test", Role.LEADER, TokenScope.METRICS);
    }

    @Test
    void aMetricsTokenReadsTheMetricsAndNothingElse() {
        assertThat(Scrape.of(port, metricsToken).status()).isEqualTo(200);
        assertThat(Scrape.of(port, null).status()).as("no credentials: off to the sign-in").isEqualTo(302);
        assertThat(Scrape.of(port, "lsk_no_such_token_anywhere_at_all").status()).isEqualTo(401);
        String reader = book.tokenFor("metrics-reader@lodestar.test", Role.READ_ONLY, TokenScope.READ);
        assertThat(Scrape.of(port, reader).status()).as("a read token reads the book, not the metrics").isEqualTo(403);

        ApiClient scraper = admin.as(metricsToken);
        assertThat(scraper.get("/api/accounts").status()).isEqualTo(403);
        assertThat(scraper.get("/actuator/metrics").status()).isEqualTo(403);
        assertThat(scraper.get("/today").status()).isEqualTo(403);
        assertThat(scraper.post("/api/tokens", "{\"name\":\"more\",\"scope\":\"admin\"}").status()).isEqualTo(403);
    }

    @Test
    void onlyCsLeadersAndAdminsHoldAMetricsToken() {
        long csm = users.findByEmail(CSM).orElseThrow().id();
        assertThatThrownBy(() -> Actors.runAs(Actor.system(), () -> tokens.issue(csm, "scraper", TokenScope.METRICS, null)))
                .isInstanceOf(InvalidInput.class)
                .hasMessage("scope: a csm can hold at most write tokens, asked for metrics");
        ApiClient.Response minted = admin.post("/api/tokens", "{\"name\":\"scraper\",\"scope\":\"metrics\"}");
        assertThat(minted.status()).as(minted.body()).isEqualTo(201);
        assertThat(Scrape.of(port, minted.json().get("secret").asString()).status()).isEqualTo(200);
    }

    @Test
    void trackingCallsStoredRejectedAndRolledUpAreCounted() {
        Situation acme = anAccount(admin, jdbc, TODAY, "METRICS-ACME", CSM, "mature");
        Tracker tracker = new Tracker(port, Actors.runAs(Actor.system(), () -> writeKeys.create("metrics").secret()));
        Scrape before = Scrape.of(port, metricsToken);

        assertThat(tracker.send("batch", "{\"context\":{\"groupId\":\"METRICS-ACME\"},\"batch\":["
                + track("m-1") + "," + track("m-2") + "," + track("m-3") + "]}").status()).isEqualTo(200);
        // A client's retry of m-1 with one new call: one stored, one already there.
        assertThat(tracker.send("batch", "{\"context\":{\"groupId\":\"METRICS-ACME\"},\"batch\":["
                + track("m-1") + "," + track("m-4") + "]}").status()).isEqualTo(200);
        assertThat(tracker.send("track", "{not json").status()).isEqualTo(400);
        assertThat(tracker.send("track", "{\"event\":\"Saved\"}").status()).as("no userId").isEqualTo(400);
        assertThat(tracker.send("batch", "x".repeat(600_000)).status()).isEqualTo(400);
        assertThat(new Tracker(port, "wk_unknown_key_of_nobody").send("track", track("m-5")).status()).isEqualTo(401);
        assertThat(new Tracker(port, null).send("track", track("m-6")).status()).isEqualTo(401);

        // Ninety seconds after the requests arrived, nothing rolled up yet: the backlog is that old.
        clock.set(RECEIVED.plusSeconds(90));
        Scrape waiting = Scrape.of(port, metricsToken);
        assertThat(waiting.value("lodestar_ingest_backlog_age_seconds")).isEqualTo(90.0);
        assertThat(rollups.drain()).isEqualTo(2);
        Scrape after = Scrape.of(port, metricsToken);

        assertThat(moved(before, after, "lodestar_events_ingested_total", "outcome", "stored")).isEqualTo(4.0);
        assertThat(moved(before, after, "lodestar_events_ingested_total", "outcome", "duplicate")).isEqualTo(1.0);
        assertThat(moved(before, after, "lodestar_events_rejected_total", "reason", "invalid")).isEqualTo(2.0);
        assertThat(moved(before, after, "lodestar_events_rejected_total", "reason", "too_large")).isEqualTo(1.0);
        assertThat(moved(before, after, "lodestar_events_rejected_total", "reason", "unknown_write_key")).isEqualTo(1.0);
        assertThat(moved(before, after, "lodestar_events_rejected_total", "reason", "no_write_key")).isEqualTo(1.0);
        // Two requests, each its own stored batch, each rolled up 90 s after it arrived.
        assertThat(moved(before, after, "lodestar_ingest_lag_seconds_count")).isEqualTo(2.0);
        assertThat(moved(before, after, "lodestar_ingest_lag_seconds_sum")).isCloseTo(180.0, within(1e-6));
        assertThat(after.value("lodestar_ingest_lag_seconds_max")).isEqualTo(90.0);
        assertThat(after.value("lodestar_ingest_backlog_age_seconds")).isEqualTo(0.0);
        assertThat(jdbc.sql("select events from usage_day where account_id = ?").param(acme.id).query(Long.class).single())
                .as("the four calls stored are in the rollup").isEqualTo(4L);
    }

    @Test
    void signalsPlaysOutreachAndOverdueTasksAreCounted() throws Exception {
        Scrape before = Scrape.of(port, metricsToken);

        Situation hotel = anAccount(admin, jdbc, TODAY, "METRICS-HOTEL", CSM, "mature")
                .withContract(100, 265, 100, "150000").withHealth("80.0", "green").withOpenTicket("urgent");
        ApiClient.Response evaluated = admin.post("/api/signals/evaluate?account=" + hotel.id, "");
        assertThat(evaluated.status()).as(evaluated.body()).isEqualTo(200);
        List<String> fired = new ArrayList<>();
        evaluated.json().get("fired").forEach(signal -> fired.add(signal.get("kind").asString()));
        assertThat(fired).contains("urgent-ticket");
        JsonNode plays = admin.get("/api/plays?account=" + hotel.id).json();
        assertThat(plays).extracting(play -> play.get("playbook").asString()).containsExactly("major-incident");

        long contact = admin.post("/api/accounts/" + hotel.id + "/stakeholders",
                "{\"email\":\"ana@hotel.example\",\"name\":\"Ana Lima\",\"role\":\"champion\"}").json().get("id").asLong();
        anAccount(admin, jdbc, TODAY, "Globex", CSM, "mature");
        ApiClient.Response sent = admin.post("/api/outreach/send", "{\"template\":\"feature-announcement\",\"accountId\":"
                + hotel.id + ",\"contactId\":" + contact + ",\"vars\":{\"feature\":\"Single sign-on\"}}");
        assertThat(sent.status()).as(sent.body()).isEqualTo(201);
        assertThat(mail.waitForIncomingEmail(5000, 1)).isTrue();
        ApiClient.Response blocked = admin.post("/api/outreach/send", "{\"template\":\"delayed-feature-reply\",\"accountId\":"
                + hotel.id + ",\"contactId\":" + contact + ",\"vars\":{\"feature\":\"the export we built for Globex\","
                + "\"new_date\":\"15 March\"}}");
        assertThat(blocked.status()).as(blocked.body()).isEqualTo(422);

        // Due two days ago and still open: overdue. The play's first steps are due this very instant: not yet.
        ApiClient.Response task = admin.post("/api/tasks", "{\"accountId\":" + hotel.id + ",\"title\":\"Call back\","
                + "\"dueOn\":\"" + TODAY.minusDays(2) + "\"}");
        assertThat(task.status()).as(task.body()).isEqualTo(201);

        Scrape after = Scrape.of(port, metricsToken);
        assertThat(moved(before, after, "lodestar_signals_fired_total", "kind", "urgent-ticket")).isEqualTo(1.0);
        assertThat(after.sum("lodestar_signals_fired_total") - before.sum("lodestar_signals_fired_total"))
                .as("one count for each signal fired: " + fired).isEqualTo(fired.size());
        assertThat(moved(before, after, "lodestar_plays_started_total", "playbook", "major-incident")).isEqualTo(1.0);
        assertThat(moved(before, after, "lodestar_outreach_sent_total", "channel", "email")).isEqualTo(1.0);
        assertThat(moved(before, after, "lodestar_outreach_sent_total", "channel", "slack")).isEqualTo(0.0);
        assertThat(moved(before, after, "lodestar_outreach_blocked_total", "channel", "email", "reason", "wrong_customer"))
                .isEqualTo(1.0);
        assertThat(moved(before, after, "lodestar_outreach_failed_total", "channel", "email")).isEqualTo(0.0);
        assertThat(moved(before, after, "lodestar_tasks_overdue")).isEqualTo(1.0);

        clock.set(RECEIVED.plusSeconds(3600));
        assertThat(moved(after, Scrape.of(port, metricsToken), "lodestar_tasks_overdue"))
                .as("an hour on, the play's steps due at its start are overdue too: acknowledge, and the CSM's alert")
                .isEqualTo(2.0);
    }

    /**
     * The example dashboard is importable (a Prometheus data source asked for on import, a recent schema) and every
     * Lodestar series it queries is one the app serves, so that renaming a metric without the dashboard fails here.
     */
    @Test
    void theGrafanaDashboardQueriesOnlySeriesTheAppServes() throws IOException {
        JsonNode dashboard = JsonMapper.builder().build().readTree(Files.readString(DASHBOARD));
        assertThat(dashboard.get("schemaVersion").asInt()).isGreaterThanOrEqualTo(36);
        assertThat(dashboard.get("__inputs").get(0).get("name").asString()).isEqualTo("DS_PROMETHEUS");
        assertThat(dashboard.get("__inputs").get(0).get("pluginId").asString()).isEqualTo("prometheus");

        Set<String> queried = new TreeSet<>();
        Pattern name = Pattern.compile("\\b((?:lodestar|jvm|http_server|process|hikaricp)_[a-z0-9_]+)");
        int targets = 0;
        for (JsonNode panel : dashboard.get("panels")) {
            if (panel.get("type").asString().equals("row")) {
                continue;
            }
            assertThat(panel.get("datasource").get("uid").asString()).as(panel.get("title").asString())
                    .isEqualTo("${DS_PROMETHEUS}");
            for (JsonNode target : panel.get("targets")) {
                Matcher found = name.matcher(target.get("expr").asString());
                while (found.find()) {
                    queried.add(found.group(1));
                }
                targets++;
            }
        }
        assertThat(targets).isGreaterThanOrEqualTo(15);

        // Some activity first, so that the series that appear on first use (HTTP requests, a playbook's plays) are there.
        Situation hotel = anAccount(admin, jdbc, TODAY, "METRICS-HOTEL", CSM, "mature")
                .withContract(100, 265, 100, "150000").withHealth("80.0", "green").withOpenTicket("urgent");
        assertThat(admin.post("/api/signals/evaluate?account=" + hotel.id, "").status()).isEqualTo(200);
        Set<String> served = Scrape.of(port, metricsToken).names();

        assertThat(served).containsAll(queried);
        assertThat(queried).as("a panel for each domain metric").contains("lodestar_events_ingested_total",
                "lodestar_events_rejected_total", "lodestar_ingest_lag_seconds_sum", "lodestar_ingest_lag_seconds_count",
                "lodestar_ingest_backlog_age_seconds", "lodestar_health_rescore_due", "lodestar_health_rescore_lag_seconds",
                "lodestar_events_incomplete", "lodestar_events_incomplete_age_seconds", "lodestar_signals_fired_total",
                "lodestar_plays_started_total", "lodestar_tasks_overdue", "lodestar_outreach_sent_total",
                "lodestar_outreach_blocked_total", "lodestar_outreach_failed_total", "lodestar_model_retrain_age_seconds");
        assertThat(queried.stream().filter(n -> n.startsWith("lodestar_")).map(n -> n.replaceAll("_(sum|count|max)$", ""))
                .toList()).as("every Lodestar metric served has a panel")
                .containsAll(served.stream().filter(n -> n.startsWith("lodestar_"))
                        .map(n -> n.replaceAll("_(sum|count|max)$", "")).toList());
    }

    private static String track(String messageId) {
        return "{\"type\":\"track\",\"userId\":\"u-" + messageId + "\",\"event\":\"Report Viewed\",\"messageId\":\""
                + messageId + "\",\"timestamp\":\"2026-06-30T08:00:00Z\",\"context\":{\"groupId\":\"METRICS-ACME\"}}";
    }

    private static double moved(Scrape before, Scrape after, String name, String... labels) {
        return after.value(name, labels) - before.valueOr(0, name, labels);
    }
}
