package org.lodestar.health;

import org.lodestar.health.internal.ClosedUsage;
import org.lodestar.health.internal.UsagePlan;
import static org.assertj.core.api.Assertions.assertThat;
import static org.lodestar.health.CraftedAccount.anAccount;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lodestar.ApiClient;
import org.lodestar.Book;
import org.lodestar.LodestarTest;
import org.lodestar.TestClock;
import org.lodestar.health.MeasureInput.Key;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

/**
 * Usage inputs added up from a summary of earlier days and today's rollups equal those read from the rollups'
 * windows, on random usage: when the summary is first read, after more usage today, after a change to an earlier
 * day that is said, and on the next day. A change to an earlier day that is not said keeps the summary as it was,
 * which shows the summary is what the figures come from.
 */
@LodestarTest
@Import(TestClock.Config.class)
@TestPropertySource(properties = "lodestar.health.live=false")
class ClosedUsageTest {

    static final LocalDate TODAY = LocalDate.of(2026, 6, 30);
    static final Set<Key> KEYS = Set.of(new Key(MeasureInput.ACTIVE_DAYS, 30), new Key(MeasureInput.ACTIVE_DAYS, 1),
            new Key(MeasureInput.EVENTS, 7), new Key(MeasureInput.USAGE_TREND, 30), new Key(MeasureInput.USAGE_TREND, 1),
            new Key(MeasureInput.ACTIVE_USERS, 30), new Key(MeasureInput.ACTIVE_USERS, 7),
            new Key(MeasureInput.LICENCE_UTILISATION, 30), new Key(MeasureInput.FEATURES_USED, 14),
            new Key(MeasureInput.FEATURES_USED, 1), new Key(MeasureInput.ADOPTION_DEPTH, 30), new Key(MeasureInput.ADOPTION_DEPTH, 3));

    @LocalServerPort
    int port;
    @Autowired
    Book book;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    HealthInputs inputs;
    @Autowired
    ClosedUsage closedUsage;
    @Autowired
    TestClock clock;

    final List<Long> accounts = new ArrayList<>();
    final Random random = new Random(20261206);

    @BeforeEach
    void setUp() {
        book.empty();
        clock.setDay(TODAY);
        ApiClient api = new ApiClient(port, LodestarTest.ADMIN_TOKEN);
        for (int i = 0; i < 8; i++) {
            accounts.add(anAccount(api, jdbc, TODAY, "ACC-" + i).withSeats(5 + i, "core", "analytics", "admin").id);
        }
        // Account 0 never sends usage; account 1 sent some long ago only; the others at random, today included.
        usage(accounts.get(1), TODAY.minusDays(80), 3, "old-user", "report", "core");
        for (long account : accounts.subList(2, accounts.size())) {
            for (int n = 0; n < 40; n++) {
                randomUsage(account, TODAY.minusDays(random.nextInt(65)));
            }
        }
        usage(accounts.get(2), TODAY.plusDays(1), 4, "future", "export", "admin");
    }

    private void randomUsage(long account, LocalDate day) {
        String[] modules = { "core", "analytics", "admin", null };
        usage(account, day, random.nextInt(3), "user-" + random.nextInt(6), "feature-" + random.nextInt(5),
                modules[random.nextInt(modules.length)]);
    }

    /** Adds events by one person on one feature to a day's rollups. */
    private void usage(long account, LocalDate day, int events, String user, String feature, String module) {
        int updated = jdbc.sql("update usage_day set events = events + ? where account_id = ? and on_date = ?")
                .params(events, account, day).update();
        if (updated == 0) {
            jdbc.sql("insert into usage_day (account_id, on_date, events, active_users) values (?, ?, ?, 0)")
                    .params(account, day, events).update();
        }
        if (jdbc.sql("select count(*) from usage_user_day where account_id = ? and on_date = ? and user_key = ?")
                .params(account, day, user).query(Long.class).single() == 0) {
            jdbc.sql("insert into usage_user_day (account_id, on_date, user_key) values (?, ?, ?)").params(account, day, user)
                    .update();
        }
        if (jdbc.sql("select count(*) from usage_feature_day where account_id = ? and on_date = ? and feature = ?")
                .params(account, day, feature).query(Long.class).single() == 0) {
            jdbc.sql("insert into usage_feature_day (account_id, on_date, feature, module, events) values (?, ?, ?, ?, ?)")
                    .params(account, day, feature, module, Math.max(events, 1)).update();
        }
    }

    /** The keys in a new order each time, as scorecard sets built apart list them: the summaries kept must still serve. */
    private InputValues fromSummaries(LocalDate day, Set<Long> earlierChanged) {
        List<Key> shuffled = new ArrayList<>(KEYS);
        java.util.Collections.shuffle(shuffled, random);
        UsagePlan plan = UsagePlan.of(day, new java.util.LinkedHashSet<>(shuffled));
        return inputs.readUsage(plan, closedUsage.figures(plan, accounts, earlierChanged), accounts);
    }

    /** Every key of every account, as text ("-" for none), for a readable comparison. */
    private List<String> table(InputValues values) {
        List<String> rows = new ArrayList<>();
        for (int i = 0; i < accounts.size(); i++) {
            for (Key key : KEYS.stream().sorted((a, b) -> a.toString().compareTo(b.toString())).toList()) {
                BigDecimal value = values.get(accounts.get(i), key);
                rows.add("ACC-" + i + " " + key.input() + "/" + key.windowDays() + " = "
                        + (value == null ? "-" : value.stripTrailingZeros().toPlainString()));
            }
        }
        return rows;
    }

    private List<String> windows(LocalDate day) {
        return table(inputs.read(day, KEYS, accounts));
    }

    @Test
    void figuresFromSummariesEqualWindowsOfTheRollups() {
        assertThat(table(fromSummaries(TODAY, Set.of()))).containsExactlyElementsOf(windows(TODAY));
        assertThat(jdbc.sql("select count(*) from health_usage_summary").query(Long.class).single()).isEqualTo(8);
        assertThat(windows(TODAY)).contains("ACC-0 EVENTS/7 = -", "ACC-1 EVENTS/7 = 0");

        // More usage today, new people and modules among it: the summaries kept are used as they are.
        for (long account : accounts.subList(1, accounts.size())) {
            for (int n = 0; n < 4; n++) {
                randomUsage(account, TODAY);
            }
        }
        usage(accounts.get(0), TODAY, 2, "first-user", "setup", "admin");
        assertThat(table(fromSummaries(TODAY, Set.of()))).containsExactlyElementsOf(windows(TODAY));

        // A late event on an earlier day, said: that account's summary is read again.
        usage(accounts.get(3), TODAY.minusDays(5), 7, "late-user", "late-feature", "analytics");
        assertThat(table(fromSummaries(TODAY, Set.of(accounts.get(3))))).containsExactlyElementsOf(windows(TODAY));

        // The next day: every summary is of the day before and is read again.
        clock.setDay(TODAY.plusDays(1));
        assertThat(table(fromSummaries(TODAY.plusDays(1), Set.of()))).containsExactlyElementsOf(windows(TODAY.plusDays(1)));
    }

    @Test
    void aChangeToAnEarlierDayThatIsNotSaidLeavesTheSummaryAsItWas() {
        fromSummaries(TODAY, Set.of());
        usage(accounts.get(4), TODAY.minusDays(3), 5, "unseen-user", "feature-0", "core");
        List<String> stale = table(fromSummaries(TODAY, Set.of()));
        List<String> windows = windows(TODAY);
        assertThat(stale).isNotEqualTo(windows);
        assertThat(stale).filteredOn(row -> !row.startsWith("ACC-4 ")).containsExactlyElementsOf(
                windows.stream().filter(row -> !row.startsWith("ACC-4 ")).toList());
    }
}
