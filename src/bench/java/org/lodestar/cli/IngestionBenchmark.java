package org.lodestar.cli;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import org.lodestar.audit.Actor;
import org.lodestar.audit.Actors;
import org.lodestar.usage.IssuedWriteKey;
import org.lodestar.usage.UsageRollups;
import org.lodestar.usage.WriteKeys;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.PGCopyOutputStream;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "ingestion", description = {
        "PRODUCT §11: at least 50,000 events/s through /v1/batch into PostgreSQL, nothing acknowledged lost.",
        "Starts Lodestar on a PostgreSQL database of its own, streams /v1/batch requests from concurrent clients "
                + "for a fixed count of events, and times it against loading the same rows with PostgreSQL's COPY in "
                + "the same run (the physical limit). Runs alternate between the two; medians are printed." })
class IngestionBenchmark implements Callable<Integer> {

    static final String DEFAULT_URL = "jdbc:postgresql://127.0.0.1:5432/lodestar_ingest_bench?user=postgres";
    static final double GOAL_EVENTS_PER_SECOND = 50_000;
    static final double GOAL_RATIO = 0.5;
    private static final String[] FEATURES = { "Report Viewed", "Dashboard Created", "Workflow Run", "Export",
            "Integration Synced", "Comment Added", "Search", "Invite Sent", "Alert Configured", "Login" };
    private static final String[] MODULES = { "analytics", "analytics", "automation", "core", "integrations", "core",
            "core", "core", "automation", "core" };

    @Option(names = "--db-url", paramLabel = "JDBC_URL", defaultValue = DEFAULT_URL, description = "PostgreSQL "
            + "database of the benchmark's own (default: ${DEFAULT-VALUE}); created when missing.")
    String dbUrl;
    @Option(names = "--events", defaultValue = "500000", description = "Events a run sends (default: ${DEFAULT-VALUE}).")
    int events;
    @Option(names = "--batch", defaultValue = "500", description = "Events a request (default: ${DEFAULT-VALUE}).")
    int batch;
    @Option(names = "--clients", defaultValue = "8", description = "Concurrent clients (default: ${DEFAULT-VALUE}).")
    int clients;
    @Option(names = "--accounts", defaultValue = "1000", description = "Accounts the events spread over "
            + "(default: ${DEFAULT-VALUE}).")
    int accounts;
    @Option(names = "--runs", defaultValue = "5", description = "Timed runs of each (default: ${DEFAULT-VALUE}), "
            + "after one warm-up.")
    int runs;

    /** One generated event, as the request carries it and as COPY loads it. */
    private record Event(String messageId, String event, String module, String user, int account, String json) {
    }

    @Override
    public Integer call() throws Exception {
        if (events < 1 || batch < 1 || batch > 2000 || clients < 1 || clients > 64 || accounts < 1 || runs < 1) {
            System.err.println("Expected --events >= 1, --batch 1 to 2000, --clients 1 to 64, --accounts >= 1 and "
                    + "--runs >= 1");
            return 2;
        }
        String url = dbUrl.trim();
        String refusal = BenchmarkCommand.databaseOfItsOwn(url, "ingestion", "INGEST-",
                ", and the benchmark deletes all tracked events", DEFAULT_URL);
        if (refusal != null) {
            System.err.println(refusal);
            return 2;
        }
        DatabaseOptions database = new DatabaseOptions();
        database.dbUrl = url;
        Map<String, Object> quiet = Map.of("logging.level.root", "warn", "spring.main.banner-mode", "off",
                "lodestar.admin.password", "benchmark-admin-password", "lodestar.contracts.refresh-cron", "-");
        try (ConfigurableApplicationContext context = Instance.server(database, 0, quiet)) {
            int port = ((WebServerApplicationContext) context).getWebServer().getPort();
            DataSource dataSource = context.getBean(DataSource.class);
            Map<Integer, Long> accountIds = prepareAccounts(dataSource);
            IssuedWriteKey issued = Actors.runAs(Actor.system(), () -> context.getBean(WriteKeys.class).create("benchmark"));
            String key = issued.secret();
            long writeKeyId = issued.key().id();
            UsageRollups rollups = context.getBean(UsageRollups.class);
            System.out.printf("Ingestion: %,d events a run in /v1/batch requests of %d from %d concurrent clients, "
                    + "over %,d accounts; %d CPUs, load average %s%n", events, batch, clients, accounts,
                    Runtime.getRuntime().availableProcessors(), loadAverage());
            double[] api = new double[runs];
            double[] copy = new double[runs];
            // The rollups start empty and then keep what every run adds to the day, as a day of ingestion does: emptying
            // them between runs under the live health chain made every account's score fall to "no data" and rise
            // again each run, starting and closing a play per account, which no real stream of events causes.
            empty(dataSource, ALL_TABLES);
            for (int run = 0; run <= runs; run++) {
                String label = run == 0 ? "warm-up" : "run " + run;
                List<Event> generated = generate(run);
                double apiRate = stream(port, key, generated);
                long lagStarted = System.nanoTime();
                rollups.drain();
                double lag = (System.nanoTime() - lagStarted) / 1e9;
                // The COPY is timed on a quiet database: the rescoring and signals behind the run finish first.
                double settled = settle(dataSource) + lag;
                long stored = count(dataSource);
                if (stored != events) {
                    System.err.printf("  %s: %,d events acknowledged but %,d stored%n", label, events, stored);
                    return 1;
                }
                empty(dataSource, EVENT_TABLES);
                double copyRate = copy(dataSource, generated, accountIds, writeKeyId);
                empty(dataSource, EVENT_TABLES);
                System.out.printf("  %s: /v1/batch %,.0f events/s (rollups caught up %.1f s after the last answer, "
                        + "scores and signals %.1f s); COPY %,.0f rows/s; ratio %.2f%n", label, apiRate, lag, settled,
                        copyRate, apiRate / copyRate);
                if (run > 0) {
                    api[run - 1] = apiRate;
                    copy[run - 1] = copyRate;
                }
            }
            empty(dataSource, ALL_TABLES);
            double apiMedian = BenchmarkCommand.Retention.median(api);
            double copyMedian = BenchmarkCommand.Retention.median(copy);
            double ratio = apiMedian / copyMedian;
            System.out.printf("Median of %d runs: /v1/batch %,.0f events/s; COPY of the same rows %,.0f rows/s; "
                    + "ratio %.2f%n", runs, apiMedian, copyMedian, ratio);
            System.out.printf("Goal (PRODUCT §11): >= %,.0f events/s: %s; ratio >= %.1f: %s%n", GOAL_EVENTS_PER_SECOND,
                    apiMedian >= GOAL_EVENTS_PER_SECOND ? "PASS" : "MISS", GOAL_RATIO, ratio >= GOAL_RATIO ? "PASS" : "MISS");
            return 0;
        }
    }

    private Map<Integer, Long> prepareAccounts(DataSource dataSource) throws SQLException {
        Map<Integer, Long> ids = new HashMap<>();
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("insert into account (external_id, product_group_id, name, lifecycle_stage, "
                    + "coverage_model, segment, created_at, updated_at) select 'INGEST-' || g, 'ingest-' || g, "
                    + "'Ingest ' || g, 'MATURE', 'DIGITAL', 'smb', now(), now() from generate_series(0, "
                    + (accounts - 1) + ") g where not exists (select 1 from account a where a.external_id = 'INGEST-' || g)");
            try (ResultSet rows = statement.executeQuery("select id, external_id from account where external_id like 'INGEST-%'")) {
                while (rows.next()) {
                    ids.put(Integer.parseInt(rows.getString(2).substring(7)), rows.getLong(1));
                }
            }
        }
        return ids;
    }

    private List<Event> generate(int run) {
        SplittableRandom random = new SplittableRandom(run);
        String at = Instant.now().toString();
        List<Event> generated = new ArrayList<>(events);
        for (int i = 0; i < events; i++) {
            int account = random.nextInt(accounts);
            int feature = random.nextInt(FEATURES.length);
            String user = "user-" + account + "-" + random.nextInt(25);
            String messageId = "run" + run + "-" + i;
            String json = "{\"type\":\"track\",\"messageId\":\"" + messageId + "\",\"userId\":\"" + user
                    + "\",\"event\":\"" + FEATURES[feature] + "\",\"timestamp\":\"" + at + "\",\"properties\":{\"module\":\""
                    + MODULES[feature] + "\",\"plan\":\"growth\",\"duration_ms\":" + random.nextInt(5000)
                    + "},\"context\":{\"groupId\":\"ingest-" + account + "\",\"library\":{\"name\":\"lodestar-benchmark\"}}}";
            generated.add(new Event(messageId, FEATURES[feature], MODULES[feature], user, account, json));
        }
        return generated;
    }

    /** Sends the events as batches from concurrent clients; events per second from first send to last answer. */
    private double stream(int port, String key, List<Event> generated) throws Exception {
        List<byte[]> bodies = new ArrayList<>();
        for (int from = 0; from < generated.size(); from += batch) {
            StringBuilder body = new StringBuilder("{\"batch\":[");
            for (int i = from; i < Math.min(from + batch, generated.size()); i++) {
                body.append(i == from ? "" : ",").append(generated.get(i).json());
            }
            bodies.add(body.append("]}").toString().getBytes(StandardCharsets.UTF_8));
        }
        String authorization = "Basic " + Base64.getEncoder().encodeToString((key + ":").getBytes(StandardCharsets.UTF_8));
        URI uri = URI.create("http://localhost:" + port + "/v1/batch");
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        long started = System.nanoTime();
        try (HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
            List<Future<?>> running = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                running.add(pool.submit(() -> {
                    for (int i = next.getAndIncrement(); i < bodies.size(); i = next.getAndIncrement()) {
                        HttpRequest request = HttpRequest.newBuilder(uri).header("Authorization", authorization)
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofByteArray(bodies.get(i))).build();
                        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                        if (response.statusCode() != 200) {
                            throw new IllegalStateException("/v1/batch answered " + response.statusCode() + ": "
                                    + response.body());
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> client : running) {
                client.get();
            }
        } finally {
            pool.shutdown();
        }
        return generated.size() / ((System.nanoTime() - started) / 1e9);
    }

    /** The same rows straight into tracked_event with one COPY, committed. */
    private static double copy(DataSource dataSource, List<Event> generated, Map<Integer, Long> accountIds,
            long writeKeyId) throws SQLException, IOException {
        String day = Instant.now().toString().substring(0, 10);
        String now = Instant.now().toString();
        long started = System.nanoTime();
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            CopyIn operation = connection.unwrap(PGConnection.class).getCopyAPI().copyIn("copy tracked_event (batch_id, "
                    + "write_key_id, message_id, type, event, module, user_key, group_id, account_id, on_date, "
                    + "occurred_at, received_at, payload) from stdin");
            try (Writer out = new BufferedWriter(new OutputStreamWriter(new PGCopyOutputStream(operation, 1 << 16),
                    StandardCharsets.UTF_8), 1 << 16)) {
                for (Event e : generated) {
                    out.write("0\t" + writeKeyId + "\t" + e.messageId() + "\ttrack\t" + e.event() + "\t" + e.module()
                            + "\t" + e.user() + "\tingest-" + e.account() + "\t" + accountIds.get(e.account()) + "\t" + day
                            + "\t" + now + "\t" + now + "\t" + e.json().replace("\\", "\\\\") + "\n");
                }
            }
            connection.commit();
        }
        return generated.size() / ((System.nanoTime() - started) / 1e9);
    }

    private static final String EVENT_TABLES = "tracked_event, unattributed_event, ingest_batch";
    private static final String ALL_TABLES = EVENT_TABLES + ", usage_day, usage_user_day, usage_feature_day";

    private static void empty(DataSource dataSource, String tables) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("truncate table " + tables);
            statement.execute("vacuum analyze tracked_event");
        }
    }

    /**
     * Waits until no account waits for its rescore and no event publication (rescoring, signals, plays) is
     * incomplete; returns the seconds waited. Gives up after two minutes, saying so.
     */
    private static double settle(DataSource dataSource) throws SQLException, InterruptedException {
        long started = System.nanoTime();
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            while (true) {
                try (ResultSet row = statement.executeQuery("select (select count(*) from health_rescore_due) + "
                        + "(select count(*) from event_publication where completion_date is null)")) {
                    row.next();
                    if (row.getLong(1) == 0) {
                        return (System.nanoTime() - started) / 1e9;
                    }
                }
                if (System.nanoTime() - started > 120_000_000_000L) {
                    System.err.println("  the rescoring behind the run had not finished after two minutes; timing the "
                            + "COPY anyway");
                    return (System.nanoTime() - started) / 1e9;
                }
                Thread.sleep(50);
            }
        }
    }

    private static long count(DataSource dataSource) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery("select count(*) from tracked_event")) {
            row.next();
            return row.getLong(1);
        }
    }

    private static String loadAverage() {
        try {
            return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException e) {
            return "unknown";
        }
    }
}
