package org.lodestar.cli;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.ObjIntConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import org.lodestar.accounts.SegmentBands;
import org.lodestar.revenue.AccountPeriod;
import org.lodestar.revenue.RetentionFigures;
import org.lodestar.revenue.RetentionGrouping;
import org.lodestar.revenue.RetentionReport;
import org.lodestar.revenue.RetentionReports;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.CopyManager;
import org.postgresql.copy.PGCopyOutputStream;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "benchmark", description = "Measure Lodestar against the goals of the product description.",
        subcommands = { BenchmarkCommand.Retention.class, IngestionBenchmark.class, HealthBenchmark.class,
                ChurnBenchmark.class, PagesBenchmark.class, ServedPagesBenchmark.class })
class BenchmarkCommand implements Runnable {

    /**
     * Readies a benchmark's PostgreSQL database (created when missing) and returns null, or why the
     * benchmark refuses {@code url}: not a PostgreSQL database, or it holds accounts whose external id
     * does not start with the benchmark's {@code prefix} (the benchmark deletes and rewrites its tables).
     */
    static String databaseOfItsOwn(String url, String benchmark, String prefix, String consequence, String suggestedUrl)
            throws SQLException {
        Matcher parts = Retention.POSTGRES_URL.matcher(url);
        if (!parts.matches() || parts.group(2).isEmpty()) {
            return "--db-url: the " + benchmark + " benchmark runs on PostgreSQL only; expected "
                    + "jdbc:postgresql://HOST:PORT/DATABASE?user=..., got " + url;
        }
        Retention.createIfMissing(url, parts);
        try (Connection connection = Retention.connect(url); Statement statement = connection.createStatement();
                ResultSet tables = statement.executeQuery("select to_regclass('account') is not null")) {
            tables.next();
            if (!tables.getBoolean(1)) {
                return null;
            }
            try (ResultSet foreign = statement.executeQuery(
                    "select count(*) from account where external_id not like '" + prefix + "%'")) {
                foreign.next();
                return foreign.getLong(1) == 0 ? null : "Refusing to run on " + url + ": it holds " + foreign.getLong(1)
                        + " account(s) the benchmark did not create" + consequence + ". Give it a database of its own, "
                        + "e.g. --db-url " + suggestedUrl;
            }
        }
    }


    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    @Command(name = "retention", description = {
            "PRODUCT §11: retention analytics over 1,000,000 ledger rows in at most 1 s.",
            "Fills a PostgreSQL database of its own with generated accounts and ARR ledgers (replacing what an "
                    + "earlier run left), then times the retention report of 2025 by segment against a bare scan "
                    + "of the ledger. Refuses a database that holds accounts it did not create." })
    static class Retention implements Callable<Integer> {

        static final String DEFAULT_URL = "jdbc:postgresql://127.0.0.1:5432/lodestar_bench?user=postgres";
        static final LocalDate FROM = LocalDate.of(2025, 1, 1);
        static final LocalDate TO = LocalDate.of(2025, 12, 31);
        static final double GOAL_MS = 1000;
        private static final int WARM_UPS = 2;
        static final Pattern POSTGRES_URL = Pattern.compile("(jdbc:postgresql://[^/?]*)/([^?]*)(\\?.*)?");
        private static final Pattern PLAIN_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}");

        /** Not LODESTAR_DB_URL: that names the real book, and the benchmark replaces a database's ledger. */
        @Option(names = "--db-url", paramLabel = "JDBC_URL", defaultValue = DEFAULT_URL, description = "PostgreSQL "
                + "database to fill and measure (default: ${DEFAULT-VALUE}); created when missing.")
        String dbUrl;

        @Option(names = "--accounts", defaultValue = "100000", description = "Accounts to generate (default: ${DEFAULT-VALUE}).")
        int accounts;

        @Option(names = "--movements", defaultValue = "1000000",
                description = "Ledger rows to generate, spread over the accounts (default: ${DEFAULT-VALUE}).")
        int movements;

        @Option(names = "--runs", defaultValue = "7", description = "Timed runs after " + WARM_UPS
                + " warm-ups (default: ${DEFAULT-VALUE}).")
        int runs;

        @Option(names = "--seed", defaultValue = "42", description = "Seed of the generated book (default: ${DEFAULT-VALUE}).")
        long seed;

        @Override
        public Integer call() throws SQLException, IOException {
            String url = dbUrl.trim();
            if (url.startsWith("jdbc:h2:")) {
                System.err.println("The retention benchmark runs on PostgreSQL only, the database Lodestar runs on in "
                        + "production (and it loads the book with PostgreSQL's COPY). Got --db-url "
                        + url + "; pass e.g. --db-url " + DEFAULT_URL);
                return 2;
            }
            Matcher parts = POSTGRES_URL.matcher(url);
            if (!parts.matches() || parts.group(2).isEmpty()) {
                System.err.println("--db-url: expected jdbc:postgresql://HOST:PORT/DATABASE?user=..., got " + url);
                return 2;
            }
            if (runs < 1) {
                System.err.println("--runs: expected at least 1, got " + runs);
                return 2;
            }
            BenchmarkLedger ledger;
            try {
                ledger = new BenchmarkLedger(accounts, movements, seed);
            } catch (IllegalArgumentException e) {
                System.err.println(e.getMessage());
                return 2;
            }
            DatabaseOptions database = new DatabaseOptions();
            database.dbUrl = url;
            String where = database.describe();
            try {
                createIfMissing(url, parts);
                String refusal = refusal(url, where);
                if (refusal != null) {
                    System.err.println(refusal);
                    return 2;
                }
            } catch (SQLException e) {
                System.err.println("Cannot use the database " + where + ": " + e.getMessage());
                return 1;
            }
            try (ConfigurableApplicationContext context = Instance.tool(database)) {
                load(context, ledger, where);
                measure(context.getBean(RetentionReports.class), JdbcClient.create(context.getBean(DataSource.class)));
                return 0;
            }
        }

        /** Connects to the server's {@code postgres} database to create the one named in the URL if it is not there. */
        static void createIfMissing(String url, Matcher parts) throws SQLException {
            try (Connection ignored = connect(url)) {
                return;
            } catch (SQLException e) {
                if (!"3D000".equals(e.getSQLState())) { // invalid_catalog_name: no such database
                    throw e;
                }
            }
            String name = parts.group(2);
            if (!PLAIN_NAME.matcher(name).matches()) {
                throw new SQLException("database " + name + " does not exist, and the benchmark creates only databases "
                        + "named with letters, digits and _; create it yourself or choose such a name");
            }
            String server = parts.group(1) + "/postgres" + (parts.group(3) == null ? "" : parts.group(3));
            try (Connection connection = connect(server); Statement statement = connection.createStatement()) {
                statement.execute("create database \"" + name + "\"");
            }
            System.out.println("Created the database " + name + ".");
        }

        static Connection connect(String url) throws SQLException {
            PGSimpleDataSource source = new PGSimpleDataSource();
            source.setURL(url);
            return source.getConnection();
        }

        /**
         * Why the benchmark must not touch this database, or null: it replaces the accounts and the
         * ledger, so any account it did not create (or ledger rows of such an account) is someone's data.
         * Asked before Lodestar starts, so a refused database is not even migrated.
         */
        private static String refusal(String url, String where) throws SQLException {
            try (Connection connection = connect(url); Statement statement = connection.createStatement()) {
                try (ResultSet tables = statement.executeQuery(
                        "select to_regclass('account') is not null, to_regclass('arr_movement') is not null")) {
                    tables.next();
                    if (!tables.getBoolean(1)) {
                        return null;
                    }
                    boolean ledgerExists = tables.getBoolean(2);
                    try (ResultSet foreign = statement.executeQuery("""
                            select count(*), min(external_id) from account where external_id not like 'BENCH-%'""")) {
                        foreign.next();
                        if (foreign.getLong(1) > 0) {
                            return "Refusing to run on " + where + ": it holds " + foreign.getLong(1) + " account(s) the "
                                    + "benchmark did not create (such as " + foreign.getString(2) + "; the benchmark's "
                                    + "external ids start with BENCH-). The benchmark deletes every account and the whole "
                                    + "ARR ledger; give it a database of its own, e.g. --db-url " + DEFAULT_URL;
                        }
                    }
                    if (ledgerExists) {
                        try (ResultSet orphans = statement.executeQuery("""
                                select count(*) from arr_movement m where not exists
                                    (select 1 from account a where a.id = m.account_id and a.external_id like 'BENCH-%')""")) {
                            orphans.next();
                            if (orphans.getLong(1) > 0) {
                                return "Refusing to run on " + where + ": its ARR ledger holds " + orphans.getLong(1)
                                        + " movement(s) of accounts the benchmark did not create. The benchmark deletes "
                                        + "the whole ledger; give it a database of its own, e.g. --db-url " + DEFAULT_URL;
                            }
                        }
                    }
                    return null;
                }
            }
        }

        /** Replaces the book with the generated one in one transaction, streamed in with COPY, then vacuums. */
        private void load(ConfigurableApplicationContext context, BenchmarkLedger ledger, String where)
                throws SQLException, IOException {
            SegmentBands bands = context.getBean(SegmentBands.class);
            DataSource dataSource = context.getBean(DataSource.class);
            System.out.printf("Generating %,d accounts and %,d ledger movements (seed %d) into %s ...%n", accounts,
                    movements, seed, where);
            long started = System.nanoTime();
            try (Connection connection = dataSource.getConnection()) {
                connection.setAutoCommit(false);
                try {
                    try (Statement statement = connection.createStatement()) {
                        // Cascade: whatever refers to an account (contacts, timeline, contracts) goes with it.
                        statement.execute("truncate table arr_movement, account restart identity cascade");
                    }
                    CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
                    copyAccounts(copy, ledger, bands);
                    copyMovements(copy, ledger);
                    try (Statement statement = connection.createStatement()) {
                        statement.execute("select setval(pg_get_serial_sequence('account', 'id'), " + accounts + ")");
                    }
                    connection.commit();
                } catch (SQLException | IOException | RuntimeException e) {
                    connection.rollback();
                    throw e;
                } finally {
                    connection.setAutoCommit(true);
                }
                System.out.printf("  loaded in %.1f s; vacuum and analyze ...%n", seconds(started));
                long vacuumStarted = System.nanoTime();
                try (Statement statement = connection.createStatement()) {
                    // As autovacuum would leave a settled table, and so it does not start during the timed runs.
                    statement.execute("vacuum analyze account, arr_movement");
                }
                System.out.printf("  vacuumed and analyzed in %.1f s%n", seconds(vacuumStarted));
            }
        }

        private void copyAccounts(CopyManager copy, BenchmarkLedger ledger, SegmentBands bands)
                throws SQLException, IOException {
            long rows = copyIn(copy, """
                    copy account (id, external_id, name, lifecycle_stage, coverage_model, segment, arr, created_at,
                        updated_at) from stdin (format csv)""", out -> {
                for (int number = 1; number <= ledger.accounts(); number++) {
                    BenchmarkLedger.Account account = ledger.account(number);
                    BigDecimal arr = BigDecimal.valueOf(account.closingCents(), 2);
                    List<BenchmarkLedger.Movement> history = account.movements();
                    out.append(String.valueOf(number)).append(',').append(account.externalId())
                            .append(",Benchmark account ").append(account.externalId().substring(6))
                            .append(",MATURE,").append(account.coverage().name())
                            .append(',').append(bands.bandFor(arr).name())
                            .append(',').append(arr.toPlainString())
                            .append(',').append(history.getFirst().effectiveDate().toString()).append(" 00:00:00+00")
                            .append(',').append(history.getLast().effectiveDate().toString()).append(" 00:00:00+00")
                            .append('\n');
                }
            });
            System.out.printf("  accounts: %,d%n", rows);
        }

        private void copyMovements(CopyManager copy, BenchmarkLedger ledger) throws SQLException, IOException {
            long rows = copyIn(copy, """
                    copy arr_movement (account_id, effective_date, kind, amount, reason, source, recorded_at)
                    from stdin (format csv)""", out -> {
                try {
                    ledger.inEffectiveOrder(new MovementRows(out, "lodestar benchmark retention --seed " + seed, movements));
                } catch (UncheckedIOException e) {
                    throw e.getCause();
                }
            });
            System.out.printf("  movements: %,d of %,d (100%%)%n", rows, movements);
        }

        /** Movements as CSV rows for COPY, with a progress line at every tenth. */
        private static final class MovementRows implements ObjIntConsumer<BenchmarkLedger.Movement> {

            private final Writer out;
            private final String source;
            private final long total;
            private final long step;
            private long written;

            MovementRows(Writer out, String source, long total) {
                this.out = out;
                this.source = source;
                this.total = total;
                this.step = Math.max(1, total / 10);
            }

            @Override
            public void accept(BenchmarkLedger.Movement movement, int account) {
                String day = movement.effectiveDate().toString();
                try {
                    out.append(String.valueOf(account)).append(',').append(day)
                            .append(',').append(movement.kind().label())
                            .append(',').append(BigDecimal.valueOf(movement.cents(), 2).toPlainString())
                            .append(",Generated ").append(movement.kind().label()).append(" for the benchmark")
                            .append(',').append(source)
                            .append(',').append(day).append(" 00:00:00+00")
                            .append('\n');
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                written++;
                if (written % step == 0 && written < total) {
                    System.out.printf("  movements: %,d of %,d (%d%%)%n", written, total, written * 100 / total);
                }
            }
        }

        /** Rows written as CSV text, streamed to the server as they are made; returns how many it took. */
        private static long copyIn(CopyManager copy, String sql, CsvRows rows) throws SQLException, IOException {
            CopyIn operation = copy.copyIn(sql);
            try {
                Writer out = new BufferedWriter(new OutputStreamWriter(new PGCopyOutputStream(operation, 1 << 16),
                        StandardCharsets.UTF_8), 1 << 16);
                rows.writeTo(out);
                out.close(); // flushes and ends the copy
                return operation.getHandledRowCount();
            } finally {
                if (operation.isActive()) {
                    operation.cancelCopy();
                }
            }
        }

        interface CsvRows {
            void writeTo(Writer out) throws IOException;
        }

        private void measure(RetentionReports reports, JdbcClient jdbc) {
            System.out.printf("%nRetention report %s to %s by segment over the ledger: %d warm-up runs, then %d timed%n",
                    FROM, TO, WARM_UPS, runs);
            // Timings mean little without the machine they ran on; a busy machine shows as a high load.
            double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
            System.out.printf("  machine: %d CPUs, load average %s before the runs%n",
                    Runtime.getRuntime().availableProcessors(), load < 0 ? "unknown" : "%.2f".formatted(load));
            AtomicReference<RetentionReport> last = new AtomicReference<>();
            double[] report = time(() -> last.set(reports.report(FROM, TO, RetentionGrouping.SEGMENT)));
            for (int i = 0; i < report.length; i++) {
                System.out.printf("  run %d: %,.1f ms%n", i + 1, report[i]);
            }
            double median = median(report);
            System.out.printf("  median %,.1f ms, min %,.1f ms, max %,.1f ms%n", median, min(report), max(report));
            System.out.printf("Goal (PRODUCT §11): retention analytics over %,d ledger rows in <= %,.0f ms: %s%n",
                    movements, GOAL_MS, median <= GOAL_MS ? "PASS" : "MISS");

            // Where the time goes: the ledger query with one row per account, then grouping in Java.
            AtomicReference<List<AccountPeriod>> periods = new AtomicReference<>();
            double[] query = time(() -> periods.set(reports.accountPeriods(FROM, TO)));
            double[] grouping = time(() -> RetentionReport.of(FROM, TO, RetentionGrouping.SEGMENT, periods.get(),
                    reports.groupOf(RetentionGrouping.SEGMENT)));
            System.out.printf("  of which the ledger query and its %,d account rows: median %,.1f ms; "
                    + "grouping by segment in Java: median %,.1f ms%n", periods.get().size(), median(query), median(grouping));

            AtomicLong scanned = new AtomicLong();
            double[] scan = time(() -> scanned.set(jdbc.sql("""
                    select count(*) as n, sum(amount) as total from arr_movement where effective_date <= ?""")
                    .param(java.sql.Date.valueOf(TO)).query((rs, n) -> rs.getLong("n")).single()));
            double scanMedian = median(scan);
            System.out.printf("Baseline: bare scan of the ledger (select count(*), sum(amount) ... where effective_date "
                    + "<= '%s', %,d rows): median %,.1f ms; report / scan = %.1f%n", TO, scanned.get(), scanMedian,
                    median / scanMedian);

            RetentionFigures total = last.get().total();
            System.out.printf("%nFigures (total): %,d starting accounts with starting ARR %s, NRR %s, GRR %s, "
                    + "%,d logos lost, %,d new accounts, closing ARR %s%n", total.startingAccounts(),
                    ReportCommand.money(total.startingArr()), ReportCommand.percent(total.nrr()),
                    ReportCommand.percent(total.grr()), total.logosLost(), total.newAccounts(),
                    ReportCommand.money(total.closingArr()));
            for (RetentionFigures group : last.get().groups()) {
                System.out.printf("  %-12s %,7d starting accounts, starting ARR %18s, NRR %7s, GRR %7s%n", group.group(),
                        group.startingAccounts(), ReportCommand.money(group.startingArr()),
                        ReportCommand.percent(group.nrr()), ReportCommand.percent(group.grr()));
            }
        }

        /** Milliseconds of each timed run, after the warm-ups. */
        private double[] time(Runnable work) {
            for (int i = 0; i < WARM_UPS; i++) {
                work.run();
            }
            double[] millis = new double[runs];
            for (int i = 0; i < runs; i++) {
                long started = System.nanoTime();
                work.run();
                millis[i] = (System.nanoTime() - started) / 1e6;
            }
            return millis;
        }

        static double median(double[] values) {
            double[] sorted = values.clone();
            Arrays.sort(sorted);
            int middle = sorted.length / 2;
            return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
        }

        private static double min(double[] values) {
            return Arrays.stream(values).min().orElseThrow();
        }

        private static double max(double[] values) {
            return Arrays.stream(values).max().orElseThrow();
        }

        private static double seconds(long startedNanos) {
            return (System.nanoTime() - startedNanos) / 1e9;
        }
    }
}
