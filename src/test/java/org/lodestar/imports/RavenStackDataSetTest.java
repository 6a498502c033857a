package org.lodestar.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.lodestar.Book;
import org.lodestar.LodestarTest;
import org.lodestar.accounts.AccountFilter;
import org.lodestar.accounts.Accounts;
import org.lodestar.audit.Actor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The real RavenStack data set (a copy of its accounts, subscriptions and churn events) loads its 500 accounts. */
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
                .contains("4087 created").contains("Never ran: 13 paid subscriptions");

        BigDecimal bookArr = accounts.list(AccountFilter.all()).totalArr();
        BigDecimal lineItems = jdbc.sql("""
                select coalesce(sum(arr), 0) from line_item where start_date <= current_date
                and (end_date is null or end_date > current_date)""").query(BigDecimal.class).single();
        assertThat(bookArr).isEqualByComparingTo(lineItems);

        RavenStackImport.Report again = ravenStack.run(DATA_SET, Actor.commandLine(), line -> { });
        assertThat(String.join("\n", again.lines())).contains("0 created, 0 updated, 500 unchanged")
                .contains("0 created, 0 updated, 4087 unchanged");
    }
}
