package org.lodestar.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.lodestar.cli.CommandLineTest.execute;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.lodestar.DatabaseAvailable;
import org.lodestar.TestDatabase;
import org.lodestar.cli.CommandLineTest.Run;
import org.lodestar.revenue.AccountPeriod;
import org.lodestar.revenue.MovementKind;
import org.lodestar.revenue.RetentionReports;
import org.springframework.context.ConfigurableApplicationContext;


/**
 * {@code ./lodestar benchmark retention} at a small size on databases of its own on the PostgreSQL
 * test server: it creates the database, fills it with valid ledgers, reports timings and figures,
 * and will not touch a database holding someone's accounts. Times are printed, never asserted.
 */
@Tag("slow")
@ExtendWith(DatabaseAvailable.class)
class BenchmarkCommandTest {

    private static final List<String> created = new ArrayList<>();

    @TempDir
    static Path folder;


    @BeforeEach
    void onPostgresOnly() {
        assumeTrue(TestDatabase.postgres(), "the retention benchmark runs on PostgreSQL only; this test runs in the "
                + "PostgreSQL run (LODESTAR_TEST_POSTGRES_URL)");
    }

    @AfterAll
    static void dropDatabases() throws SQLException {
        if (created.isEmpty()) {
            return;
        }
        try (Connection connection = DriverManager.getConnection(TestDatabase.serverUrl());
                Statement statement = connection.createStatement()) {
            for (String name : created) {
                statement.execute("drop database if exists " + name + " with (force)");
            }
        }
    }

    /** A URL on the test server for a database that does not exist yet, dropped after the tests. */
    private static String freshDatabase(String purpose) {
        String name = "lodestar_bench_" + purpose + "_"
                + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMddHHmmss")) + "_" + ProcessHandle.current().pid();
        created.add(name);
        return TestDatabase.serverUrl().replaceFirst("(jdbc:postgresql://[^/?]+)/[^?]*", "$1/" + name);
    }

    private static Run benchmark(String url, String runs) {
        Run run = execute("benchmark", "retention", "--db-url", url, "--accounts", "2000", "--movements", "20000",
                "--runs", runs);
        System.out.println(run.out());
        return run;
    }

    @Test
    void createsTheDatabaseFillsItWithValidLedgersAndTimesTheReport() throws SQLException {
        String url = freshDatabase("fill");
        Run run = benchmark(url, "3");
        assertThat(run.status()).as(run.out()).isZero();
        assertThat(run.out()).contains("Created the database lodestar_bench_fill_")
                .contains("movements: 10,000 of 20,000 (50%)").contains("movements: 20,000 of 20,000 (100%)")
                .containsPattern("\n  run 3: [\\d,.]+ ms\n")
                .containsPattern("\n  median [\\d,.]+ ms, min [\\d,.]+ ms, max [\\d,.]+ ms\n")
                .containsPattern("Goal \\(PRODUCT §11\\): retention analytics over 20,000 ledger rows in <= 1,000 ms: (PASS|MISS)")
                .containsPattern("Baseline: bare scan of the ledger .*, 20,000 rows\\): median [\\d,.]+ ms; report / scan = ")
                .containsPattern("Figures \\(total\\): [\\d,]+ starting accounts with starting ARR [\\d,.]+, NRR [\\d.]+%, GRR [\\d.]+%");

        Map<Long, List<BenchmarkLedger.Movement>> ledgers = new LinkedHashMap<>();
        Map<Long, BigDecimal> accountArr = new HashMap<>();
        String fingerprint;
        try (Connection connection = DriverManager.getConnection(url); Statement statement = connection.createStatement()) {
            try (ResultSet rows = statement.executeQuery(
                    "select account_id, effective_date, kind, amount from arr_movement order by account_id, effective_date, id")) {
                while (rows.next()) {
                    ledgers.computeIfAbsent(rows.getLong(1), a -> new ArrayList<>()).add(new BenchmarkLedger.Movement(
                            rows.getDate(2).toLocalDate(), MovementKind.of(rows.getString(3)),
                            rows.getBigDecimal(4).movePointRight(2).longValueExact()));
                }
            }
            try (ResultSet rows = statement.executeQuery("select id, external_id, arr from account")) {
                while (rows.next()) {
                    assertThat(rows.getString(2)).isEqualTo("BENCH-%06d".formatted(rows.getLong(1)));
                    accountArr.put(rows.getLong(1), rows.getBigDecimal(3));
                }
            }
            fingerprint = fingerprint(statement);
        }
        assertThat(accountArr).hasSize(2000);
        assertThat(ledgers.keySet()).isEqualTo(accountArr.keySet());
        assertThat(ledgers.values().stream().mapToInt(List::size).sum()).isEqualTo(20_000);
        List<String> problems = new ArrayList<>();
        ledgers.forEach((id, movements) -> problems.addAll(LedgerRules.problems("account " + id, movements)));
        assertThat(problems).isEmpty();

        // Every movement is on or before the report's last day, so the closing ARR the report uses is the whole sum.
        Map<Long, BigDecimal> sums = ledgers.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey,
                e -> BigDecimal.valueOf(e.getValue().stream().mapToLong(BenchmarkLedger.Movement::cents).sum(), 2)));
        DatabaseOptions database = new DatabaseOptions();
        database.dbUrl = url;
        Map<Long, BigDecimal> closing;
        try (ConfigurableApplicationContext context = Instance.tool(database)) {
            closing = context.getBean(RetentionReports.class)
                    .accountPeriods(BenchmarkCommand.Retention.FROM, BenchmarkCommand.Retention.TO).stream()
                    .collect(Collectors.toMap(AccountPeriod::accountId, AccountPeriod::closing));
        }
        assertThat(closing).isNotEmpty();
        sums.forEach((id, sum) -> {
            assertThat(sum.signum()).as("ARR of account %d", id).isNotNegative();
            assertThat(closing.getOrDefault(id, BigDecimal.ZERO.setScale(2))).as("closing ARR of account %d", id)
                    .isEqualTo(sum);
            assertThat(accountArr.get(id)).as("account.arr of account %d", id).isEqualTo(sum);
        });

        Run again = benchmark(url, "1");
        assertThat(again.status()).as(again.out()).isZero();
        assertThat(again.out()).doesNotContain("Created the database");
        try (Connection connection = DriverManager.getConnection(url); Statement statement = connection.createStatement()) {
            assertThat(fingerprint(statement)).as("the same seed gives the same book").isEqualTo(fingerprint);
        }
    }

    private static String fingerprint(Statement statement) throws SQLException {
        try (ResultSet row = statement.executeQuery("""
                select (select md5(string_agg(account_id || ' ' || effective_date || ' ' || kind || ' ' || amount, ','
                            order by id)) from arr_movement),
                       (select md5(string_agg(external_id || ' ' || coverage_model || ' ' || segment || ' ' || arr, ','
                            order by id)) from account)""")) {
            row.next();
            return row.getString(1) + row.getString(2);
        }
    }

    @Test
    void refusesADatabaseWithAccountsItDidNotCreate() throws IOException, SQLException {
        String url = freshDatabase("foreign");
        String name = url.replaceFirst(".*/([^/?]+)(\\?.*)?", "$1");
        try (Connection connection = DriverManager.getConnection(TestDatabase.serverUrl());
                Statement statement = connection.createStatement()) {
            statement.execute("create database " + name);
        }
        Path file = folder.resolve("accounts.csv");
        Files.writeString(file, "external_id,name,lifecycle_stage\nACME-1,Acme,mature\n");
        Run imported = execute("import", "accounts", file.toString(), "--db-url", url);
        assertThat(imported.status()).as(imported.out()).isZero();

        Run refused = execute("benchmark", "retention", "--db-url", url, "--accounts", "10", "--movements", "20");
        assertThat(refused.status()).isEqualTo(2);
        assertThat(refused.out()).contains("Refusing to run on " + url + ": it holds 1 account(s) the benchmark did "
                + "not create (such as ACME-1; the benchmark's external ids start with BENCH-)");
        try (Connection connection = DriverManager.getConnection(url); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("select external_id from account")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getString(1)).isEqualTo("ACME-1");
            assertThat(rows.next()).as("nothing added").isFalse();
        }
    }

    @Test
    void refusesTheEmbeddedDatabaseAndImpossibleSizes() {
        Run h2 = execute("benchmark", "retention", "--db-url", "jdbc:h2:mem:bench");
        assertThat(h2.status()).isEqualTo(2);
        assertThat(h2.out()).contains("The retention benchmark runs on PostgreSQL only")
                .contains("--db-url jdbc:postgresql://127.0.0.1:5432/lodestar_bench?user=postgres");
        Run sizes = execute("benchmark", "retention", "--db-url", freshDatabase("unused"), "--accounts", "10",
                "--movements", "5");
        assertThat(sizes.status()).isEqualTo(2);
        assertThat(sizes.out()).contains("--movements: every account starts with a new contract, so expected at least "
                + "--accounts (10), got 5");
    }

    @Test
    void theIngestionBenchmarkStreamsBatchesComparesWithCopyAndPrintsItsFigures() throws SQLException {
        String url = freshDatabase("ingest");
        Run run = execute("benchmark", "ingestion", "--db-url", url, "--events", "3000", "--batch", "250",
                "--clients", "3", "--accounts", "50", "--runs", "3");
        System.out.println(run.out());
        assertThat(run.status()).as(run.out()).isZero();
        assertThat(run.out()).contains("Ingestion: 3,000 events a run in /v1/batch requests of 250 from 3 concurrent "
                + "clients, over 50 accounts").contains("  warm-up: /v1/batch ").contains("  run 3: /v1/batch ")
                .containsPattern("Median of 3 runs: /v1/batch [\\d,]+ events/s; COPY of the same rows [\\d,]+ rows/s; "
                        + "ratio \\d+\\.\\d\\d")
                .containsPattern("Goal \\(PRODUCT §11\\): >= 50,000 events/s: (PASS|MISS); ratio >= 0.5: (PASS|MISS)");
        try (Connection connection = DriverManager.getConnection(url); Statement statement = connection.createStatement();
                ResultSet accounts = statement.executeQuery("select count(*) from account where external_id like 'INGEST-%'")) {
            accounts.next();
            assertThat(accounts.getLong(1)).isEqualTo(50);
        }

        Run h2 = execute("benchmark", "ingestion", "--db-url", "jdbc:h2:mem:ingest");
        assertThat(h2.status()).isEqualTo(2);
        assertThat(h2.out()).contains("runs on PostgreSQL only");
        Run sizes = execute("benchmark", "ingestion", "--db-url", url, "--batch", "5000");
        assertThat(sizes.status()).isEqualTo(2);
        assertThat(sizes.out()).contains("--batch 1 to 2000");
    }

    /**
     * The pages benchmark on a small book: CSMs made and owning every account, tasks on them, each connection signed in
     * through the login form, every page answered 200 (no failed requests counted) with its figures printed.
     */
    @Test
    void thePagesBenchmarkSignsInAndDrivesEachPageInAClosedLoop() throws SQLException {
        String url = freshDatabase("pages");
        Run run = execute("benchmark", "pages", "--db-url", url, "--accounts", "1000", "--csms", "10", "--connections", "4",
                "--seconds", "1", "--runs", "1", "--warmup", "1");
        System.out.println(run.out());
        assertThat(run.status()).as(run.out()).isZero();
        assertThat(run.out()).contains("Pages: 1,000 accounts, 10 CSMs, 100 open tasks, 1,000 health scores; 4 connections",
                "Signed in 4 connections through the login form")
                .containsPattern("  Today +[\\d,]+/s +p50 +[\\d,.]+ ms +p99 +[\\d,.]+ ms +bare SQL +[\\d,.]+ ms +(PASS|MISS)\n")
                .containsPattern("  Account page +[\\d,]+/s .*(PASS|MISS)\n")
                .containsPattern("  Account panels \\(each of 9\\) +[\\d,]+/s .*(PASS|MISS)\n")
                .containsPattern("  Book +[\\d,]+/s .*(PASS|MISS)\n")
                .containsPattern("  Revenue +[\\d,]+/s .*(PASS|MISS)\n")
                .doesNotContain("failed requests").doesNotContain("not answered 200")
                .containsPattern("Goal \\(issue: pages at scale\\): p99 <= 100 ms on every page: (PASS|MISS)");
        try (Connection connection = DriverManager.getConnection(url); Statement statement = connection.createStatement();
                ResultSet owned = statement.executeQuery("select count(*) from account where owner_id is null")) {
            owned.next();
            assertThat(owned.getLong(1)).as("every account has a CSM").isZero();
        }
        Run sizes = execute("benchmark", "pages", "--db-url", url, "--csms", "0");
        assertThat(sizes.status()).isEqualTo(2);
        assertThat(sizes.out()).contains("Expected --accounts >= 1000, --csms 1 to a tenth of the accounts");
    }

    @Test
    void theHealthBenchmarkRecomputesTheBookAndTimesEventsToUpdatedScores() throws SQLException {
        String url = freshDatabase("health");
        Run run = execute("benchmark", "health", "--db-url", url, "--accounts", "2000", "--runs", "2", "--probes", "5",
                "--load", "500");
        System.out.println(run.out());
        assertThat(run.status()).as(run.out()).isZero();
        assertThat(run.out()).contains("Generating 2,000 accounts with 90 days of rollups")
                .containsPattern("Health: 2,000 accounts, [\\d,]+ usage days, [\\d,]+ user-days, [\\d,]+ feature-days")
                .containsPattern("  run 2: recomputed 2,000 accounts from scratch in [\\d,]+ ms \\(reading inputs [\\d,]+ ms, "
                        + "scoring [\\d,]+ ms, writing 2,000 scores [\\d,]+ ms\\); bare SQL aggregate of the rollups [\\d,]+ ms")
                .containsPattern("Full recompute, median of 2 runs: [\\d,]+ ms; the bare SQL aggregate of the same rollups \\(same "
                        + "runs\\): [\\d,]+ ms; recompute / aggregate = \\d+\\.\\d\\d")
                .containsPattern("Event to updated score, 5 probes each: with no other ingestion p50 [\\d,]+ ms, p99 [\\d,]+ ms, max [\\d,]+ ms; "
                        + "under 500 events/s of other ingestion p50 [\\d,]+ ms, p99 [\\d,]+ ms, max [\\d,]+ ms")
                .containsPattern("Goal \\(PRODUCT §11\\): full recompute <= 10,000 ms: (PASS|MISS); <= 2.5 x the bare aggregate: "
                        + "(PASS|MISS); event to score p99 <= 5,000 ms: (PASS|MISS)");
        try (Connection connection = DriverManager.getConnection(url); Statement statement = connection.createStatement();
                ResultSet scored = statement.executeQuery("select count(*), count(distinct band) from account_health")) {
            scored.next();
            assertThat(scored.getLong(1)).as("every account scored").isEqualTo(2000);
            assertThat(scored.getLong(2)).as("the generated book spreads over the bands").isGreaterThan(1);
        }

        Run h2 = execute("benchmark", "health", "--db-url", "jdbc:h2:mem:health");
        assertThat(h2.status()).isEqualTo(2);
        assertThat(h2.out()).contains("the health benchmark runs on PostgreSQL only");
        Run sizes = execute("benchmark", "health", "--db-url", url, "--accounts", "100");
        assertThat(sizes.status()).isEqualTo(2);
        assertThat(sizes.out()).contains("Expected --accounts >= 1000");
    }

    @Test
    void theChurnBenchmarkTrainsAndRescoresOnTheHealthBenchmarksBook() throws SQLException {
        String url = freshDatabase("churn");
        Run run = execute("benchmark", "churn", "--db-url", url, "--accounts", "2000", "--runs", "1");
        System.out.println(run.out());
        assertThat(run.status()).as(run.out()).isZero();
        assertThat(run.out()).contains("Generating 2,000 accounts with 90 days of rollups")
                .contains("Added a contraction for one account in eight")
                .containsPattern("Churn: 2,000 accounts, [\\d,]+ ledger movements of which 250 contractions")
                .containsPattern("90-day model: fitting on [\\d,]+ examples")
                .contains("  run 1, first training (every date read and kept):")
                .contains("  run 1, training again (past dates read back as kept):")
                .containsPattern("  run 1: first training and scoring [\\d,]+ ms; training and scoring [\\d,]+ ms; rescored 2,000 "
                        + "accounts in [\\d,]+ ms; health full recompute [\\d,]+ ms")
                .containsPattern("Medians of 1 runs: training with walk-forward evaluation and scoring [\\d,]+ ms \\(first training, "
                        + "every past date read: [\\d,]+ ms\\)")
                .containsPattern("Goal \\(PRODUCT §11 full-recompute budget <= 10,000 ms\\): training and scoring (PASS|MISS); "
                        + "rescoring (PASS|MISS)");
        try (Connection connection = DriverManager.getConnection(url); Statement statement = connection.createStatement();
                ResultSet risks = statement.executeQuery("select count(*) from churn_risk where model_id = (select max(id) "
                        + "from churn_model)")) {
            risks.next();
            assertThat(risks.getLong(1)).as("the book scored by the last version").isEqualTo(2000);
        }
        try (Connection connection = DriverManager.getConnection(url); Statement statement = connection.createStatement();
                ResultSet kept = statement.executeQuery("select count(*), min(accounts) from churn_snapshot_date")) {
            kept.next();
            assertThat(kept.getLong(1)).as("the calendar's past dates kept").isPositive();
            assertThat(kept.getLong(2)).as("each kept whole").isEqualTo(2000);
        }
        Run h2 = execute("benchmark", "churn", "--db-url", "jdbc:h2:mem:churn");
        assertThat(h2.status()).isEqualTo(2);
        assertThat(h2.out()).contains("the churn benchmark runs on PostgreSQL only");
    }
}
