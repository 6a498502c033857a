package org.lodestar.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.lodestar.health.CraftedAccount.anAccount;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lodestar.ApiClient;
import org.lodestar.Book;
import org.lodestar.LodestarTest;
import org.lodestar.config.ConfigFile;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Crafted accounts, one per band, scored as of 2026-06-30 with a crafted scorecard whose weights add
 * up to 100, against scores computed by hand (in each test's comment). Inputs go in through the API
 * where there is one, so this also checks that every input is read as of the date.
 */
@LodestarTest
class HealthScenarioTest {

    static final LocalDate AS_OF = LocalDate.of(2026, 6, 30);

    static final String CRAFTED = """
            name: crafted
            version: t1
            measures:
              - { key: active-days, input: active-days, window: 30d, weight: 20, score: { linear: [[0, 0], [20, 100]] }, missing: exclude }
              - { key: utilisation, input: licence-utilisation, window: 30d, weight: 10, score: { linear: [[0, 0], [100, 100]] }, missing: exclude }
              - { key: depth, input: adoption-depth, window: 30d, weight: 10, score: { linear: [[0, 0], [100, 100]] }, missing: exclude }
              - { key: trend, input: usage-trend, window: 30d, weight: 10, score: { linear: [[-50, 0], [50, 100]] }, missing: exclude }
              - { key: nps, input: nps, window: 90d, weight: 10, score: { linear: [[0, 0], [10, 100]] }, missing: neutral 50 }
              - key: sponsor
                input: sponsor-present
                weight: 10
                score: { thresholds: [ { below: 1, score: 0 } ], otherwise: 100 }
                missing: penalty
              - key: champion
                input: champion-present
                weight: 5
                score: { thresholds: [ { below: 1, score: 0 } ], otherwise: 100 }
                missing: penalty
              - { key: engagement, input: days-since-engagement, weight: 5, score: { linear: [[0, 100], [100, 0]] }, missing: penalty 0 }
              - { key: tickets, input: open-tickets, weight: 5, score: { linear: [[0, 60], [1, 100], [3, 100], [8, 0]] }, missing: neutral, quiet: score }
              - key: urgent
                input: urgent-open-tickets
                weight: 5
                score: { thresholds: [ { below: 1, score: 100 } ], otherwise: 0 }
                missing: neutral
                quiet: score
              - { key: overdue, input: days-overdue, weight: 10, score: { linear: [[0, 100], [50, 0]] }, missing: exclude, quiet: score }
            """;

    @LocalServerPort
    int port;
    @Autowired
    Book book;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    HealthScores scores;

    ApiClient api;
    Scorecards crafted;

    @BeforeEach
    void setUp() {
        book.empty();
        api = new ApiClient(port, LodestarTest.ADMIN_TOKEN);
        crafted = new Scorecards(List.of(new ScorecardReader(List.of("enterprise", "mid-market", "smb"))
                .readOne(new ConfigFile("crafted.yaml", "crafted.yaml", CRAFTED))));
    }

    private HealthScore score(CraftedAccount account) {
        return scores.scoreAsOf(AS_OF, crafted, List.of(account.id), new HashMap<>()).get(account.id);
    }

    private static void assertAddsUp(HealthScore score) {
        BigDecimal sum = score.measures().stream().map(MeasureResult::contribution).filter(java.util.Objects::nonNull)
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        assertThat(sum).isEqualByComparingTo(score.score());
    }

    private static Map<String, String> subScores(HealthScore score) {
        Map<String, String> subs = new java.util.LinkedHashMap<>();
        score.measures().forEach(m -> subs.put(m.key(), m.subScore() == null ? "-" : m.subScore().stripTrailingZeros().toPlainString()));
        return subs;
    }

    /**
     * active days 20 → 100; utilisation 8/10 = 80% → 80; depth 2/2 → 100; trend 1000 vs 1000 events = 0% → 50;
     * NPS (9 + 10) / 2 = 9.5 → 95; sponsor and champion → 100; last call 10 days ago → 90; one normal ticket → 100;
     * no urgent → 100; invoice paid → 0 days → 100.
     * 20 + 8 + 10 + 5 + 9.5 + 10 + 5 + 4.5 + 5 + 5 + 10 = 92.0: green.
     */
    @Test
    void aThrivingAccountIsGreen() {
        CraftedAccount northwind = anAccount(api, jdbc, AS_OF, "NORTHWIND").withSeats(10, "core", "analytics")
                .withUsage(20, 50, 0).withUsage(20, 50, 30).withActiveUsers(8).usingModules("core", "analytics")
                .withNps(9, 10).withContact("economic-sponsor", null).withContact("champion", null).withCall(10)
                .withOpenTickets(1, "normal").withInvoice(10, true);
        HealthScore score = score(northwind);
        assertThat(subScores(score)).containsExactly(Map.entry("active-days", "100"), Map.entry("utilisation", "80"),
                Map.entry("depth", "100"), Map.entry("trend", "50"), Map.entry("nps", "95"), Map.entry("sponsor", "100"),
                Map.entry("champion", "100"), Map.entry("engagement", "90"), Map.entry("tickets", "100"),
                Map.entry("urgent", "100"), Map.entry("overdue", "100"));
        assertThat(score.score()).isEqualByComparingTo("92.0");
        assertThat(score.band()).isEqualTo(Band.GREEN);
        assertAddsUp(score);
    }

    /**
     * active days 2 → 10; utilisation 2/20 = 10% → 10; depth 1/1 → 100; trend 20 vs 200 = −90% → 0; NPS 3 → 30;
     * sponsor left before the date → 0; no champion → 0; never engaged → penalty 0; 5 open tickets → 60;
     * one urgent → 0; invoice 30 days overdue → 40.
     * 2 + 1 + 10 + 0 + 3 + 0 + 0 + 0 + 3 + 0 + 4 = 23.0: red.
     */
    @Test
    void aFailingAccountIsRed() {
        CraftedAccount fabrikam = anAccount(api, jdbc, AS_OF, "FABRIKAM").withSeats(20, "core").withUsage(2, 10, 0)
                .withUsage(10, 20, 30).withActiveUsers(2).usingModules("core").withNps(3)
                .withContact("economic-sponsor", AS_OF.minusDays(40)).withOpenTickets(4, "normal")
                .withOpenTickets(1, "urgent").withInvoice(30, false);
        HealthScore score = score(fabrikam);
        assertThat(subScores(score)).containsExactly(Map.entry("active-days", "10"), Map.entry("utilisation", "10"),
                Map.entry("depth", "100"), Map.entry("trend", "0"), Map.entry("nps", "30"), Map.entry("sponsor", "0"),
                Map.entry("champion", "0"), Map.entry("engagement", "0"), Map.entry("tickets", "60"),
                Map.entry("urgent", "0"), Map.entry("overdue", "40"));
        assertThat(score.measure("engagement").policy()).isEqualTo("penalty 0");
        assertThat(score.score()).isEqualByComparingTo("23.0");
        assertThat(score.band()).isEqualTo(Band.RED);
        assertAddsUp(score);
    }

    /**
     * Never tracked: the four usage measures are missing and excluded; no invoice: excluded. No NPS: neutral
     * 50; sponsor 100; no champion 0; last call 60 days ago → 40; no open ticket → 60 (silence is suspicious);
     * no urgent → 100. Weights that count: 10 + 10 + 5 + 5 + 5 + 5 = 40.
     * (500 + 1000 + 0 + 200 + 300 + 500) / 40 = 62.5: yellow; contributions 12.5, 25, 0, 5, 7.5, 12.5.
     */
    @Test
    void anAccountWithGapsIsScoredOnWhatIsKnownAndIsYellow() {
        CraftedAccount contoso = anAccount(api, jdbc, AS_OF, "CONTOSO").withSeats(5, "core")
                .withContact("economic-sponsor", null).withCall(60);
        HealthScore score = score(contoso);
        assertThat(score.score()).isEqualByComparingTo("62.5");
        assertThat(score.band()).isEqualTo(Band.YELLOW);
        assertThat(score.measures()).filteredOn(MeasureResult::missing).extracting(MeasureResult::key)
                .containsExactly("active-days", "utilisation", "depth", "trend", "nps", "overdue");
        assertThat(score.measure("nps").policy()).isEqualTo("neutral 50");
        assertThat(score.measure("nps").contribution()).isEqualByComparingTo("12.5");
        assertThat(score.measure("sponsor").share()).isEqualByComparingTo("25.0");
        assertThat(score.measure("tickets").contribution()).isEqualByComparingTo("7.5");
        assertThat(score.measure("active-days").contribution()).isNull();
        assertAddsUp(score);
    }

    @Test
    void inputsAreReadAsOfTheDateSoLaterDataDoesNotLeakIntoThePast() {
        CraftedAccount late = anAccount(api, jdbc, AS_OF, "LATE").withSeats(5, "core").withContact("economic-sponsor", null);
        // A ticket raised and an invoice falling due after the date, and usage after it, count for nothing then.
        jdbc.sql("insert into usage_day (account_id, on_date, events, active_users) values (?, ?, 99, 1)")
                .params(late.id, AS_OF.plusDays(3)).update();
        HealthScore before = score(late);
        assertThat(before.measure("active-days").missing()).isTrue();
        assertThat(before.measure("tickets").value()).isEqualByComparingTo("0");
        HealthScore after = scores.scoreAsOf(AS_OF.plusDays(5), crafted, List.of(late.id), new HashMap<>()).get(late.id);
        assertThat(after.measure("active-days").value()).isEqualByComparingTo("1");
    }

    /**
     * The trend compares the window with the same number of days just before it, whatever longer windows
     * other measures read: 30 days × 10 events now against 30 days × 20 before = −50%; the 60 days before
     * those (30 events a day) count for the 90-day active days but not for the trend.
     */
    @Test
    void theTrendComparesWithTheWindowJustBeforeItEvenBesideLongerWindows() {
        Scorecards withLongWindow = new Scorecards(List.of(new ScorecardReader(List.of("enterprise", "mid-market", "smb"))
                .readOne(new ConfigFile("long.yaml", "long.yaml", """
                        name: long
                        version: t1
                        measures:
                          - { key: active-days, input: active-days, window: 90d, weight: 50, score: { linear: [[0, 0], [90, 100]] }, missing: exclude }
                          - { key: trend, input: usage-trend, window: 30d, weight: 50, score: { linear: [[-100, 0], [100, 100]] }, missing: exclude }
                        """))));
        CraftedAccount contoso = anAccount(api, jdbc, AS_OF, "CONTOSO").withSeats(10, "core").withUsage(30, 10, 0)
                .withUsage(30, 20, 30).withUsage(30, 30, 60);
        HealthScore score = scores.scoreAsOf(AS_OF, withLongWindow, List.of(contoso.id), new HashMap<>()).get(contoso.id);
        assertThat(score.measure("trend").value()).isEqualByComparingTo("-50.0");
        assertThat(score.measure("active-days").value()).isEqualByComparingTo("90");
        // active days 90 → 100, trend −50% → 25: (100 × 50 + 25 × 50) / 100 = 62.5
        assertThat(score.score()).isEqualByComparingTo("62.5");
        assertAddsUp(score);
    }
}
