package org.lodestar.health;

import org.lodestar.health.internal.HealthStore;
import static org.assertj.core.api.Assertions.assertThat;
import static org.lodestar.health.CraftedAccount.anAccount;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lodestar.ApiClient;
import org.lodestar.Book;
import org.lodestar.LodestarTest;
import org.lodestar.TestClock;
import org.lodestar.accounts.AccountFact;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

/**
 * A change rescores from the facts that changed: the inputs it feeds are read again, every other input is
 * taken from the stored score of today. The facts here are changed behind the application's back (plain SQL,
 * no change event), so what a rescore did not read shows as the value it had.
 */
@LodestarTest
@Import(TestClock.Config.class)
@TestPropertySource(properties = "lodestar.health.live=false")
class IncrementalRescoreTest {

    static final LocalDate TODAY = LocalDate.of(2026, 6, 30);

    @LocalServerPort
    int port;
    @Autowired
    Book book;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    HealthScores scores;
    @Autowired
    HealthStore store;
    @Autowired
    TestClock clock;

    long acme;

    @BeforeEach
    void setUp() {
        book.empty();
        clock.setDay(TODAY);
        ApiClient api = new ApiClient(port, LodestarTest.ADMIN_TOKEN);
        acme = anAccount(api, jdbc, TODAY, "ACME").withSeats(10, "core").withUsage(20, 10, 0).withActiveUsers(5).withNps(9)
                .withContact("economic_sponsor", null).withCall(3).id;
        scores.recompute(List.of(acme), done -> { });
    }

    /** The stored value of an input (its first window). */
    private BigDecimal stored(String input) {
        String inputs = store.current(acme).orElseThrow().inputs();
        return Arrays.stream(inputs.split(";")).filter(part -> part.startsWith(input + "/")).findFirst()
                .map(part -> new BigDecimal(part.substring(part.indexOf('=') + 1)))
                .orElseThrow(() -> new AssertionError(input + " in " + inputs));
    }

    private void npsBecomes(int score) {
        jdbc.sql("update survey_response set score = ? where account_id = ?").params(score, acme).update();
    }

    @Test
    void aUsageChangeReadsUsageAgainAndKeepsTheSurveyAsItWas() {
        assertThat(stored("nps")).isEqualByComparingTo("9");
        assertThat(stored("licence-utilisation")).isEqualByComparingTo("50.0");
        npsBecomes(2);
        jdbc.sql("insert into usage_user_day (account_id, on_date, user_key) values (?, ?, 'u8'), (?, ?, 'u9'), (?, ?, 'u10')")
                .params(acme, TODAY, acme, TODAY, acme, TODAY).update();

        scores.rescore(Map.of(acme, Set.of(AccountFact.USAGE)), Map.of(), done -> { });
        assertThat(stored("licence-utilisation")).as("read again: 8 of 10 seats").isEqualByComparingTo("80.0");
        assertThat(stored("nps")).as("not read: a usage change cannot move it").isEqualByComparingTo("9");

        scores.rescore(Map.of(acme, Set.of(AccountFact.SURVEYS)), Map.of(), done -> { });
        assertThat(stored("nps")).isEqualByComparingTo("2");
        HealthStore.Stored incremental = store.current(acme).orElseThrow();

        scores.recompute(List.of(acme), done -> { });
        HealthStore.Stored full = store.current(acme).orElseThrow();
        assertThat(full.inputs()).as("a full read finds what the two rescores put together").isEqualTo(incremental.inputs());
        assertThat(full.score()).isEqualByComparingTo(incremental.score());
    }

    @Test
    void aContractChangeReadsTheInputsThatDependOnSeats() {
        jdbc.sql("update line_item set seats = 20").update();
        npsBecomes(2);
        scores.rescore(Map.of(acme, Set.of(AccountFact.CONTRACTS)), Map.of(), done -> { });
        assertThat(stored("licence-utilisation")).isEqualByComparingTo("25.0");
        assertThat(stored("nps")).isEqualByComparingTo("9");
    }

    @Test
    void aChangedAccountRecordOrAScoreFromAnotherDayIsReadInFull() {
        npsBecomes(4);
        scores.rescore(Map.of(acme, Set.of(AccountFact.ACCOUNT)), Map.of(), done -> { });
        assertThat(stored("nps")).as("the account record decides the scorecard: everything is read").isEqualByComparingTo("4");

        clock.setDay(TODAY.plusDays(1));
        npsBecomes(6);
        scores.rescore(Map.of(acme, Set.of(AccountFact.USAGE)), Map.of(), done -> { });
        assertThat(stored("nps")).as("yesterday's inputs are not today's: everything is read").isEqualByComparingTo("6");

        jdbc.sql("update account_health set inputs = null").update();
        npsBecomes(7);
        scores.rescore(Map.of(acme, Set.of(AccountFact.BILLING)), Map.of(), done -> { });
        assertThat(stored("nps")).as("no stored inputs (scored before they were kept): everything is read").isEqualByComparingTo("7");
    }

    @Test
    void aRescoreThatMovesNothingWritesNothing() {
        long snapshots = jdbc.sql("select count(*) from health_snapshot where account_id = ?").param(acme).query(Long.class).single();
        String before = store.current(acme).orElseThrow().inputs();
        npsBecomes(9);
        scores.rescore(Map.of(acme, Set.of(AccountFact.SURVEYS)), Map.of(), done -> { });
        assertThat(store.current(acme).orElseThrow().inputs()).isEqualTo(before);
        assertThat(jdbc.sql("select count(*) from health_snapshot where account_id = ?").param(acme).query(Long.class).single())
                .as("nothing moved: no snapshot").isEqualTo(snapshots);
    }
}
