package org.lodestar.health;

import org.lodestar.health.internal.HealthStore;
import org.lodestar.health.internal.ChurnSnapshots;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lodestar.ApiClient;
import org.lodestar.audit.Actor;
import org.lodestar.audit.Actors;
import org.lodestar.Book;
import org.lodestar.LodestarTest;
import org.lodestar.Situation;
import org.lodestar.TestClock;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The churn model's history on its fixed calendar: a past date's features are read once and kept, later readings get
 * them back as the book knew them, today and days off the calendar are read afresh, and forgetting reads them again.
 */
@LodestarTest
@Import(TestClock.Config.class)
class ChurnSnapshotsTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 6, 30);
    /** Day 20,610 since 1970-01-01: on the calendar. */
    private static final LocalDate KEPT = LocalDate.of(2026, 6, 6);

    @LocalServerPort
    int port;
    @Autowired
    Book book;
    @Autowired
    TestClock clock;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    ChurnFeatures features;
    @Autowired
    HealthScores scores;
    @Autowired
    HealthStore store;

    ApiClient api;

    @BeforeEach
    void setUp() {
        book.empty();
        clock.setDay(TODAY);
        api = new ApiClient(port, LodestarTest.ADMIN_TOKEN);
    }

    private void account(String name, int arr, LocalDate start) {
        long id = api.post("/api/accounts", "{\"externalId\":\"" + name + "\",\"name\":\"" + name + "\","
                + "\"stage\":\"adoption\"}").json().get("id").asLong();
        ApiClient.Response contract = api.post("/api/accounts/" + id + "/subscriptions", "{\"externalId\":\"" + name
                + "-1\",\"startDate\":\"" + start + "\",\"endDate\":\"" + start.plusYears(1).minusDays(1) + "\",\"autoRenew\":false,"
                + "\"lineItems\":[{\"plan\":\"growth\",\"module\":\"core\",\"seats\":10,\"arr\":" + arr + "}]}");
        assertThat(contract.status()).as(contract.body()).isEqualTo(201);
    }

    private List<ChurnRow> kept(LocalDate day) {
        return features.keptHistory(TODAY, clock.instant()).rows(day);
    }

    @Test
    void aPassedDateOfTheCalendarIsReadOnceAndReadBackAsTheBookKnewIt() {
        account("Early", 24000, LocalDate.of(2026, 1, 1));
        List<ChurnRow> first = kept(KEPT);
        assertThat(first).singleElement().satisfies(row -> {
            // The segment is the account's own today (from its ARR band), kept or not.
            assertThat(row.segment()).isEqualTo(kept(TODAY).getFirst().segment()).isNotEqualTo(ChurnFeatures.NO_SEGMENT);
            assertThat(row.arr()).isEqualByComparingTo("24000");
            assertThat(row.value(ChurnFeature.LOG_ARR)).isEqualTo(Math.log1p(24000));
            assertThat(row.value(ChurnFeature.TENURE_DAYS)).isEqualTo(156.0);
        });
        assertThat(jdbc.sql("select accounts from churn_snapshot_date where on_date = ?").param(KEPT).query(Integer.class).single())
                .isEqualTo(1);

        // A customer since February recorded afterwards: the kept date does not know it; today and a day off the calendar do.
        account("Backfilled", 12000, LocalDate.of(2026, 2, 1));
        assertThat(kept(KEPT)).singleElement().satisfies(row -> {
            assertThat(row.values()).isEqualTo(first.getFirst().values());
            assertThat(row.day()).isEqualTo(KEPT);
        });
        assertThat(kept(KEPT.plusDays(1))).hasSize(2);
        assertThat(kept(TODAY)).hasSize(2);
        assertThat(jdbc.sql("select count(*) from churn_snapshot_date").query(Long.class).single()).isEqualTo(1);

        // An account removed since is left out of the kept date, as a fresh reading would leave it out.
        long early = jdbc.sql("select id from account where external_id = 'Early'").query(Long.class).single();
        jdbc.sql("delete from arr_movement where account_id = ?").param(early).update();
        jdbc.sql("delete from line_item where subscription_id in (select id from subscription where account_id = ?)").param(early)
                .update();
        jdbc.sql("delete from subscription where account_id = ?").param(early).update();
        jdbc.sql("delete from account where id = ?").param(early).update();
        assertThat(kept(KEPT)).isEmpty();

        // Forgotten, the date is read again and kept with what there is now.
        features.forgetKept();
        assertThat(kept(KEPT)).singleElement().satisfies(row -> assertThat(row.arr()).isEqualByComparingTo("12000"));
        assertThat(jdbc.sql("select count(*) from churn_snapshot where on_date = ?").param(KEPT).query(Long.class).single())
                .isEqualTo(1);
    }

    @Test
    void theCalendarsDateOfTodayIsNotKeptWhileTheDayLasts() {
        clock.setDay(KEPT);
        account("Early", 24000, LocalDate.of(2026, 1, 1));

        assertThat(features.keptHistory(KEPT, clock.instant()).rows(KEPT)).hasSize(1);

        assertThat(jdbc.sql("select count(*) from churn_snapshot_date").query(Long.class).single()).isZero();
    }

    @Test
    void todaysFeaturesTakenFromBesideTheScoresAreThoseReadAfresh() throws InterruptedException {
        Situation busy = Situation.anAccount(api, jdbc, TODAY, "busy", null, "adoption").withContract(400, 60, 20, "90000")
                .withUsage(50, 40, 0).withActiveUsers(9).withFeatureUse("reports", 3).withNps(4, 20).withOpenTicket("urgent")
                .withContact("economic-sponsor", 10).withContact("champion", null);
        Situation quiet = Situation.anAccount(api, jdbc, TODAY, "quiet", null, "adoption").withContract(200, 200, 5, "12000")
                .withUsage(10, 5, 35);
        Situation last = Situation.anAccount(api, jdbc, TODAY, "unscored", null, "adoption").withContract(100, 300, 8, "30000")
                .withUsage(20, 9, 0).withActiveUsers(2);
        Set<Long> accounts = Set.of(busy.id, quiet.id, last.id);
        // The changes above are rescored as they land; once none is due, the whole book is scored today.
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (jdbc.sql("select count(*) from health_rescore_due").query(Long.class).single() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        Actors.runAs(Actor.system(), () -> scores.recomputeAll(done -> { }));
        assertThat(store.inputsScoredOn(TODAY)).containsKeys(busy.id, quiet.id, last.id);
        // One account changed since its score (marked due): its inputs are read, not taken.
        long unscored = jdbc.sql("select id from account where external_id = 'unscored'").query(Long.class).single();
        jdbc.sql("insert into usage_day (account_id, on_date, events, active_users) values (?, ?, 500, 1)")
                .params(unscored, TODAY.minusDays(25)).update();
        jdbc.sql("insert into health_rescore_due (account_id, changed_at) values (?, current_timestamp)")
                .param(unscored).update();

        assertThat(store.inputsScoredOn(TODAY)).containsKeys(busy.id, quiet.id).doesNotContainKey(unscored);
        InputValues taken = features.inputs(TODAY, accounts, true);
        InputValues read = features.inputs(TODAY, accounts, false);

        for (long account : accounts) {
            for (MeasureInput.Key key : ChurnFeatures.inputKeys()) {
                assertThat(taken.get(account, key)).as(account + " " + key).isEqualTo(read.get(account, key));
            }
        }
        assertThat(read.get(unscored, new MeasureInput.Key(MeasureInput.ACTIVE_DAYS, 30))).isEqualByComparingTo("21");
    }

    @Test
    void keptValuesReadBackAsTheSameDoubles() {
        SplittableRandom random = new SplittableRandom(7);
        ChurnFeature[] all = ChurnFeature.values();
        for (int i = 0; i < 20_000; i++) {
            Map<ChurnFeature, Double> values = new EnumMap<>(ChurnFeature.class);
            for (ChurnFeature feature : all) {
                switch (random.nextInt(6)) {
                    case 0 -> { }
                    case 1 -> values.put(feature, (double) random.nextInt(400));
                    case 2 -> values.put(feature, Math.log1p(random.nextDouble(1e7)));
                    case 3 -> values.put(feature, -random.nextDouble() * Math.pow(10, random.nextInt(-12, 18)));
                    case 4 -> values.put(feature, Math.round(random.nextDouble(-100, 200) * 10) / 10.0);
                    default -> values.put(feature, Double.longBitsToDouble(random.nextLong()));
                }
            }
            values.values().removeIf(v -> v.isNaN());
            assertThat(ChurnSnapshots.decode(ChurnSnapshots.encode(values), all)).isEqualTo(values);
        }
        for (double edge : new double[] { 0.0, -0.0, 1e-300, Double.MAX_VALUE, Double.MIN_VALUE, Double.POSITIVE_INFINITY,
                0.1 + 0.2, 123456789012345.0, 1234567890123456.0, 0.001, 9.999999999999999e22 }) {
            String text = Double.toString(edge);
            assertThat(Double.doubleToRawLongBits(ChurnSnapshots.number(text, 0, text.length())))
                    .as(text).isEqualTo(Double.doubleToRawLongBits(edge));
        }
    }
}
