package org.lodestar.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.lodestar.Book;
import org.lodestar.LodestarTest;
import org.lodestar.accounts.AccountFilter;
import org.lodestar.accounts.Accounts;
import org.lodestar.audit.Actor;
import org.lodestar.revenue.IndependentRetention;
import org.lodestar.revenue.RetentionReport;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The real RavenStack data set (a copy of its accounts, subscriptions, churn events and support tickets)
 * loads its 500 accounts, 2,000 tickets and 600 churn events.
 */
@Tag("slow")
@LodestarTest
class RavenStackDataSetTest {

    static final Path DATA_SET = Path.of(System.getProperty("lodestar.ravenstack", "src/test/resources/ravenstack"));

    @Autowired
    Book book;
    @Autowired
    RavenStackImport ravenStack;
    @Autowired
    Accounts accounts;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    IndependentRetention independent;
    @Autowired
    Clock clock;

    @BeforeEach
    void setUp() {
        assumeTrue(Files.isRegularFile(DATA_SET.resolve(RavenStackImport.ACCOUNTS)),
                "RavenStack data set not found at " + DATA_SET.toAbsolutePath() + " (set -Dlodestar.ravenstack=DIR)");
        book.empty();
    }

    @Test
    void loadsTheDataSetAndAReimportChangesNothing() {
        RavenStackImport.Report report = ravenStack.run(DATA_SET, Actor.commandLine(), line -> { });
        assertThat(report.committed()).isTrue();
        assertThat(accounts.count()).isEqualTo(500);
        String text = String.join("\n", report.lines());
        assertThat(text).contains("Accounts: 500 read; 500 created").contains("5000 read; 778 free trials skipped")
                .contains("4087 created").contains("Never ran: 13 paid subscriptions")
                .contains("Support tickets: 2000 read; 2000 created, 0 updated, 0 unchanged.")
                .contains("Feature usage: 25000 rows read, 250525 uses of 40 features on ")
                .contains("21 usage ids appear on more than one row")
                .contains("Satisfaction: 1175 tickets carry a satisfaction_score (1-5); each became a CSAT answer "
                        + "dated when the ticket closed (1175 created, 0 updated, 0 unchanged)")
                .contains("Churn reasons: 600 churn events written to their accounts' timelines with reason, refund "
                        + "and feedback (600 new, 0 already there); by reason: budget 104, competitor 92, features 114, "
                        + "pricing 91, support 104, unknown 95.");
        assertThat(jdbc.sql("select count(*) from support_ticket where priority = 'URGENT'").query(Long.class).single())
                .isEqualTo(514);
        assertThat(jdbc.sql("select count(*) from support_ticket where escalated").query(Long.class).single())
                .isEqualTo(95);
        // Scores 4 and 5 are good (405 + 374), 3 is neither (396), nobody scored 1 or 2
        assertThat(jdbc.sql("select count(*) from support_ticket where satisfaction = 'GOOD'").query(Long.class).single())
                .isEqualTo(779);
        assertThat(jdbc.sql("select count(*) from support_ticket where satisfaction = 'BAD'").query(Long.class).single())
                .isZero();

        BigDecimal bookArr = accounts.list(AccountFilter.all()).totalArr();
        BigDecimal lineItems = jdbc.sql("""
                select coalesce(sum(arr), 0) from line_item where start_date <= ?
                and (end_date is null or end_date > ?)""").params(LocalDate.now(clock), LocalDate.now(clock))
                .query(BigDecimal.class).single();
        assertThat(bookArr).isEqualByComparingTo(lineItems);

        RetentionReport year = independent.assertAgrees(LocalDate.parse("2024-01-01"), LocalDate.parse("2024-12-31"));
        System.out.println("RavenStack 2024: " + year.total());
        assertThat(year.total().startingArr()).isPositive();
        assertThat(year.total().closingArr()).as("closing ARR of the ledger on the data set's last day")
                .isEqualByComparingTo(jdbc.sql("""
                        select coalesce(sum(arr), 0) from line_item where start_date <= date '2024-12-31'
                        and (end_date is null or end_date > date '2024-12-31')""").query(BigDecimal.class).single());
        long movements = jdbc.sql("select count(*) from arr_movement").query(Long.class).single();

        RavenStackImport.Report again = ravenStack.run(DATA_SET, Actor.commandLine(), line -> { });
        assertThat(String.join("\n", again.lines())).contains("0 created, 0 updated, 500 unchanged")
                .contains("0 created, 0 updated, 4087 unchanged")
                .contains("Support tickets: 2000 read; 0 created, 0 updated, 2000 unchanged.")
                .contains("(0 new, 600 already there)");
        assertThat(jdbc.sql("select count(*) from arr_movement").query(Long.class).single())
                .as("a re-import appends nothing to the ledger").isEqualTo(movements);
    }
}
