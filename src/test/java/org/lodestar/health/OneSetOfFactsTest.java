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
import org.lodestar.TestClock;
import org.lodestar.accounts.AccountSet;
import org.lodestar.config.ConfigFile;
import org.lodestar.revenue.ContractFacts;
import org.lodestar.signals.Detected;
import org.lodestar.signals.Signals;
import org.lodestar.usage.Usage;
import org.lodestar.usage.UsageReport;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The numbers health, signals and the usage report once computed each their own way now come from one
 * place, so they agree: licence utilisation, contracted modules (a line naming no module is "core"
 * everywhere) and overdue invoices (one written off as uncollectible is still overdue).
 */
@LodestarTest
@Import(TestClock.Config.class)
class OneSetOfFactsTest {

    static final LocalDate TODAY = LocalDate.of(2026, 6, 30);

    static final String CARD = """
            name: facts
            version: t1
            measures:
              - { key: utilisation, input: licence-utilisation, window: 30d, weight: 1, score: { linear: [[0, 0], [100, 100]] }, missing: exclude }
              - { key: depth, input: adoption-depth, window: 30d, weight: 1, score: { linear: [[0, 0], [100, 100]] }, missing: exclude }
              - { key: overdue, input: days-overdue, weight: 1, score: { linear: [[0, 100], [50, 0]] }, missing: exclude }
            """;

    @LocalServerPort
    int port;
    @Autowired
    Book book;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    HealthScores scores;
    @Autowired
    Signals signals;
    @Autowired
    Usage usage;
    @Autowired
    ContractFacts contracts;
    @Autowired
    TestClock clock;

    ApiClient api;
    Scorecards card;

    @BeforeEach
    void setUp() {
        book.empty();
        clock.setDay(TODAY);
        api = new ApiClient(port, LodestarTest.ADMIN_TOKEN);
        card = new Scorecards(List.of(new ScorecardReader(List.of("enterprise", "mid-market", "smb"))
                .readOne(new ConfigFile("facts.yaml", "facts.yaml", CARD))));
    }

    private HealthScore score(long account) {
        return scores.scoreAsOf(TODAY, card, List.of(account), new HashMap<>()).get(account);
    }

    /** 7 people active in 30 days on 9 seats: 77.78% in the report (0.7778), the scorecard and the signal alike. */
    @Test
    void licenceUtilisationIsOneFigure() {
        CraftedAccount acme = anAccount(api, jdbc, TODAY, "ACME").withSeats(9, "core").withUsage(3, 10, 0).withActiveUsers(7);
        UsageReport report = usage.report(acme.id, TODAY.minusDays(29), TODAY);
        BigDecimal health = score(acme.id).measure("utilisation").value();
        assertThat(report.utilisation()).isEqualByComparingTo("0.7778");
        assertThat(health).isEqualByComparingTo(report.utilisation().movePointRight(2));
        jdbc.sql("update line_item set seats = 5").update();
        Map<Long, List<Detected>> found = signals.detect(List.of(acme.id));
        assertThat(found.get(acme.id)).extracting(Detected::summary)
                .contains("Licence utilisation 140% (7 active users in 30 days on 5 seats).");
        assertThat(score(acme.id).measure("utilisation").value()).isEqualByComparingTo("140");
    }

    /** A contract line with a blank module prices the core product, for contracts, the report and the scorecard. */
    @Test
    void aLineNamingNoModuleIsCoreEverywhere() {
        CraftedAccount acme = anAccount(api, jdbc, TODAY, "ACME").withSeats(5, "analytics").withUsage(3, 10, 0)
                .usingModules("core");
        long subscription = jdbc.sql("select id from subscription where account_id = ?").param(acme.id).query(Long.class).single();
        jdbc.sql("insert into line_item (subscription_id, plan, module, seats, arr, start_date, end_date) "
                + "values (?, 'growth', '  ', 5, 1000, ?, ?)").params(subscription, TODAY.minusDays(100), TODAY.plusDays(100))
                .update();
        assertThat(contracts.modules(AccountSet.of(List.of(acme.id)), TODAY).get(acme.id))
                .containsExactlyInAnyOrder("core", "analytics");
        UsageReport report = usage.report(acme.id, TODAY.minusDays(29), TODAY);
        assertThat(report.adoption().contracted()).containsExactly("analytics", "core");
        // core used of core and analytics contracted: 50%, in the report (0.5) and the scorecard (50).
        assertThat(report.adoption().depth()).isEqualByComparingTo("0.5");
        assertThat(score(acme.id).measure("depth").value()).isEqualByComparingTo("50");
        assertThat(ContractFacts.moduleOf(null)).isEqualTo(ContractFacts.moduleOf(" ")).isEqualTo(ContractFacts.CORE_MODULE);
    }

    /** An invoice written off as uncollectible 40 days past due is overdue for the scorecard and for the signal rule. */
    @Test
    void anUncollectibleInvoiceIsOverdueForScoresAndRules() {
        CraftedAccount acme = anAccount(api, jdbc, TODAY, "ACME").withSeats(5, "core").withInvoice(40, false);
        jdbc.sql("update invoice set status = 'UNCOLLECTIBLE' where account_id = ?").param(acme.id).update();
        assertThat(score(acme.id).measure("overdue").value()).isEqualByComparingTo("40");
        assertThat(signals.detect(List.of(acme.id)).get(acme.id)).extracting(Detected::summary)
                .anySatisfy(s -> assertThat(s).contains("is 40 days overdue (1,000 USD open)"));
        // Paid today, it was still overdue yesterday and is not today.
        jdbc.sql("update invoice set status = 'PAID', amount_paid = amount_due, paid_on = ? where account_id = ?")
                .params(TODAY, acme.id).update();
        assertThat(score(acme.id).measure("overdue").value()).isEqualByComparingTo("0");
        assertThat(scores.scoreAsOf(TODAY.minusDays(1), card, List.of(acme.id), new HashMap<>()).get(acme.id)
                .measure("overdue").value()).isEqualByComparingTo("39");
        assertThat(signals.detect(List.of(acme.id)).get(acme.id)).extracting(Detected::rule).doesNotContain("invoice-overdue");
    }
}
