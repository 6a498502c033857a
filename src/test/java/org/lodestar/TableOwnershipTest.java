package org.lodestar;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every table belongs to one module, and a module's SQL names only its own tables: what another module
 * owns it reads through that module's facts or services. The SQL is found in the string literals of the
 * main sources (a statement's parts are joined before looking, so {@code "… from " + "usage_day"} counts).
 *
 * <p>The crossings still to remove are listed in {@link #KNOWN}; the test fails on any other crossing, and
 * on a listed one that has gone (so the list only shrinks). Health and signals have none.
 */
class TableOwnershipTest {

    /** Owner of each table the migrations create. */
    static final Map<String, String> OWNERS = owners(Map.of(
            "accounts", "account stakeholder timeline_entry account_alias",
            "people", "app_user api_token saved_view",
            "audit", "audit_event",
            "revenue", "subscription line_item arr_movement renewal_call",
            "usage", "write_key tracked_event unattributed_event tracked_user ingest_batch usage_day "
                    + "usage_user_day usage_feature_day imported_usage",
            "support", "support_ticket",
            "surveys", "survey_response",
            "billing", "invoice",
            "health", "account_health health_snapshot churn_model churn_risk health_rescore_due churn_snapshot_date churn_snapshot "
                    + "health_usage_summary health_recompute_count",
            "signals", "signal data_load signal_deferred"), Map.of(
            "playbooks", "play",
            "plans", "success_plan plan_outcome plan_milestone plan_link share_link_secret",
            "reviews", "review_draft review_figure review_figure_part",
            "feedback", "product_request feature_ask feature_shipped_notice",
            "tasks", "task task_also_for",
            "outreach", "outreach_message",
            "notifications", "notification_setting digest_sent",
            "cluster", "shedlock work_lock event_publication",
            "hygiene", "crm_account_view metric_table",
            "worklist", "worklist_aside"));

    /**
     * Crossings that remain outside health and signals: pages and lists that join the account table for names and
     * owners. Each is file: tables. (The benchmarks, which seed tables directly, are not production code: src/bench.)
     */
    private static final Map<String, Set<String>> KNOWN = Map.ofEntries(
            Map.entry("accounts/Accounts.java", Set.of("account_health", "app_user", "audit_event", "health_snapshot", "subscription")),
            Map.entry("health/HealthReports.java", Set.of("account", "app_user")),
            Map.entry("health/HealthScores.java", Set.of("account")),
            Map.entry("health/internal/HealthStore.java", Set.of("account")),
            Map.entry("playbooks/Playbooks.java", Set.of("account", "account_health", "app_user")),
            Map.entry("revenue/Renewals.java", Set.of("account", "account_health", "app_user")),
            Map.entry("revenue/RetentionReports.java", Set.of("account", "app_user")),
            Map.entry("revenue/Subscriptions.java", Set.of("account")),
            Map.entry("revenue/TargetPlanner.java", Set.of("account", "app_user", "stakeholder")),
            Map.entry("signals/DataLoads.java", Set.of("account")),
            Map.entry("signals/Signals.java", Set.of("account")),
            Map.entry("tasks/Tasks.java", Set.of("account", "app_user")),
            Map.entry("usage/EventLog.java", Set.of("account")),
            Map.entry("worklist/TeamBook.java", Set.of("account", "account_health", "app_user", "signal")),
            Map.entry("worklist/Worklist.java", Set.of("account", "account_health", "play", "signal", "task")));

    /** The modules whose point-in-time facts feed scores, rules, the backtest and the model: none of these may cross for facts. */
    private static final Set<String> FACT_TABLES = Set.of("stakeholder", "timeline_entry", "subscription", "line_item",
            "arr_movement", "usage_day", "usage_user_day", "usage_feature_day", "support_ticket", "survey_response", "invoice",
            "health_snapshot");

    private static final Path SOURCES = Path.of("src/main/java/org/lodestar");
    private static final Pattern LITERAL = Pattern.compile("\"\"\"(.*?)\"\"\"|\"((?:[^\"\\\\\\n]|\\\\.)*)\"", Pattern.DOTALL);
    private static final Pattern TABLE = Pattern.compile("\\b(?:from|join|into|update|table)\\s+([a-z_]+)",
            Pattern.CASE_INSENSITIVE);

    @Test
    void everyTableTheMigrationsCreateHasAnOwner() throws IOException {
        // The migrations in the order they run: tables created, dropped and renamed.
        Set<String> created = new TreeSet<>();
        Pattern statement = Pattern.compile("(create table (\\w+))|(drop table (\\w+))|(alter table (\\w+) rename to (\\w+))",
                Pattern.CASE_INSENSITIVE);
        try (Stream<Path> files = Files.list(Path.of("src/main/resources/db/migration"))) {
            for (Path file : files.sorted(java.util.Comparator.comparingInt(f -> Integer.parseInt(
                    f.getFileName().toString().replaceAll("^V(\\d+)__.*", "$1")))).toList()) {
                Matcher m = statement.matcher(Files.readString(file));
                while (m.find()) {
                    if (m.group(2) != null) {
                        created.add(m.group(2).toLowerCase());
                    } else if (m.group(4) != null) {
                        created.remove(m.group(4).toLowerCase());
                    } else {
                        created.remove(m.group(6).toLowerCase());
                        created.add(m.group(7).toLowerCase());
                    }
                }
            }
        }
        assertThat(OWNERS.keySet()).containsExactlyInAnyOrderElementsOf(created);
    }

    @Test
    void aModuleNamesOnlyItsOwnTablesBeyondTheKnownCrossings() throws IOException {
        Map<String, Set<String>> found = crossings();
        assertThat(found).as("SQL naming tables of other modules, file: tables (read them through the owner's facts)")
                .isEqualTo(sorted(KNOWN));
    }

    @Test
    void scoresRulesAndTheBacktestReadNoOtherModulesFacts() throws IOException {
        crossings().forEach((file, tables) -> {
            if (file.startsWith("health/") || file.startsWith("signals/")) {
                assertThat(tables).as(file).doesNotContainAnyElementsOf(FACT_TABLES);
            }
        });
    }

    @Test
    void theScannerSeesAStatementSplitAcrossLiterals() {
        assertThat(tablesIn("a(\"delete from tracked_event\"); b(\"delete from invoice\");"))
                .containsExactlyInAnyOrder("tracked_event", "invoice");
        assertThat(tablesIn("jdbc.sql(\"select a from \" + \"usage_day where x\" + \" join invoice i\")"))
                .containsExactlyInAnyOrder("usage_day", "invoice");
        assertThat(tablesIn("String s = \"Reads from the CSV\";")).isEmpty();
    }

    static Map<String, Set<String>> crossings() throws IOException {
        Map<String, Set<String>> found = new TreeMap<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String relative = SOURCES.relativize(file).toString().replace('\\', '/');
                String module = relative.contains("/") ? relative.substring(0, relative.indexOf('/')) : "";
                for (String table : tablesIn(Files.readString(file))) {
                    if (!module.equals(OWNERS.get(table))) {
                        found.computeIfAbsent(relative, f -> new TreeSet<>()).add(table);
                    }
                }
            }
        }
        return found;
    }

    /** Tables named after from, join, into, update or table in the literals of a source, joined. */
    static Set<String> tablesIn(String source) {
        StringBuilder literals = new StringBuilder();
        Matcher m = LITERAL.matcher(source);
        while (m.find()) {
            literals.append(m.group(1) != null ? m.group(1) : m.group(2)).append(' ');
        }
        Set<String> tables = new TreeSet<>();
        Matcher t = TABLE.matcher(literals);
        while (t.find()) {
            if (OWNERS.containsKey(t.group(1).toLowerCase())) {
                tables.add(t.group(1).toLowerCase());
            }
        }
        return tables;
    }

    private static Map<String, Set<String>> sorted(Map<String, Set<String>> map) {
        Map<String, Set<String>> sorted = new TreeMap<>();
        map.forEach((file, tables) -> sorted.put(file, new TreeSet<>(tables)));
        return sorted;
    }

    private static Map<String, String> owners(Map<String, String> first, Map<String, String> second) {
        Map<String, String> owners = new TreeMap<>();
        Stream.of(first, second).forEach(map -> map.forEach((module, tables) -> {
            for (String table : tables.split(" ")) {
                owners.put(table, module);
            }
        }));
        return owners;
    }
}
