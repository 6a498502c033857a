package org.lodestar.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/**
 * What {@code --help} adds to every command's own description: examples to copy, and the environment variables the
 * command reads. Kept in one place so that a command without examples is easy to see (HelpTest walks them all).
 */
final class HelpText {

    static final String EXAMPLES = "examples";
    static final String ENVIRONMENT = "environment";
    /** Wide enough that option descriptions are not wrapped into narrow columns on a usual terminal. */
    private static final int WIDTH = 110;

    /** Examples by command, as its full name ("lodestar users add"). */
    private static final Map<String, List<String>> EXAMPLES_BY_COMMAND = Map.ofEntries(
            Map.entry("lodestar", List.of("./lodestar demo", "./lodestar serve --data /srv/lodestar",
                    "./lodestar users --help")),
            Map.entry("lodestar serve", List.of("./lodestar serve",
                    "./lodestar serve --port 9090 --data /srv/lodestar",
                    "LODESTAR_DB_URL='jdbc:postgresql://db:5432/lodestar?user=lodestar&password=...' ./lodestar serve")),
            Map.entry("lodestar demo", List.of("./lodestar demo",
                    "./lodestar demo --port 9090 --seed 7 --data /tmp/demo-7")),
            Map.entry("lodestar import", List.of("./lodestar import accounts accounts.csv",
                    "./lodestar import invoices invoices.csv --partial",
                    "./lodestar import zendesk-tickets tickets.json", "./lodestar import ravenstack ./ravenstack",
                    "./lodestar import book book-2026-12-07 --data new-instance")),
            Map.entry("lodestar export", List.of("./lodestar export book-2026-12-07",
                    "./lodestar export /tmp/book --force --db-url jdbc:postgresql://127.0.0.1:5432/lodestar?user=lodestar")),
            Map.entry("lodestar backup", List.of("./lodestar backup backups/lodestar-2026-12-07.zip",
                    "./lodestar backup /mnt/backups/lodestar.zip --data /var/lib/lodestar --force")),
            Map.entry("lodestar restore", List.of("./lodestar restore backups/lodestar-2026-12-07.zip --data restored-data",
                    "./lodestar restore /mnt/backups/lodestar.zip --data /var/lib/lodestar --force")),
            Map.entry("lodestar users", List.of("./lodestar users list",
                    "./lodestar users add --email ana@example.com --name 'Ana Silva' --role csm")),
            Map.entry("lodestar users list", List.of("./lodestar users list")),
            Map.entry("lodestar users add", List.of("./lodestar users add --email ana@example.com --name 'Ana Silva' --role csm",
                    "./lodestar users add --email lee@example.com --name 'Lee Park' --role cs-leader --password 'long enough 1'")),
            Map.entry("lodestar users set-role", List.of("./lodestar users set-role ana@example.com cs-leader")),
            Map.entry("lodestar users disable", List.of("./lodestar users disable ana@example.com")),
            Map.entry("lodestar users enable", List.of("./lodestar users enable ana@example.com")),
            Map.entry("lodestar users reset-password", List.of("./lodestar users reset-password ana@example.com")),
            Map.entry("lodestar tokens", List.of("./lodestar tokens list",
                    "./lodestar tokens create --user ana@example.com --name 'crm sync' --scope write --expires 90d")),
            Map.entry("lodestar tokens list", List.of("./lodestar tokens list", "./lodestar tokens list --user ana@example.com")),
            Map.entry("lodestar tokens create", List.of(
                    "./lodestar tokens create --user ana@example.com --name 'crm sync' --scope write --expires 90d",
                    "./lodestar tokens create --user admin@lodestar.local --name 'monitoring' --scope read --expires never")),
            Map.entry("lodestar tokens revoke", List.of("./lodestar tokens revoke 12")),
            Map.entry("lodestar writekeys", List.of("./lodestar writekeys list",
                    "./lodestar writekeys create --name 'web app (production)'")),
            Map.entry("lodestar writekeys list", List.of("./lodestar writekeys list")),
            Map.entry("lodestar writekeys create", List.of("./lodestar writekeys create --name 'web app (production)'")),
            Map.entry("lodestar writekeys revoke", List.of("./lodestar writekeys revoke 3")),
            Map.entry("lodestar report", List.of("./lodestar report retention --from 2026-01-01 --to 2026-12-31",
                    "./lodestar report renewals --days 90")),
            Map.entry("lodestar report retention", List.of("./lodestar report retention --from 2026-01-01 --to 2026-12-31",
                    "./lodestar report retention --from 2026-10-01 --to 2026-12-31 --by segment --format csv")),
            Map.entry("lodestar report renewals", List.of("./lodestar report renewals",
                    "./lodestar report renewals --days 30 --owner maya.chen@lodestar.demo")),
            Map.entry("lodestar review", List.of("./lodestar review P-ACME --quarter 2026Q4",
                    "./lodestar review P-ACME --kind ebr --quarter 2026Q4 --out ./packs")),
            Map.entry("lodestar plan", List.of("./lodestar plan --target enterprise:93:115",
                    "./lodestar plan --target enterprise:93:115 --target smb:85:100 --quarters 2")),
            Map.entry("lodestar health", List.of("./lodestar health recompute",
                    "./lodestar health backtest --from 2025-12-01 --to 2026-09-01")),
            Map.entry("lodestar health recompute", List.of("./lodestar health recompute")),
            Map.entry("lodestar health dry-run", List.of("./lodestar health dry-run my-scorecard.yaml")),
            Map.entry("lodestar health calibrate", List.of("./lodestar health calibrate --from 2025-06-01 --to 2026-09-01",
                    "./lodestar health calibrate --from 2025-06-01 --to 2026-09-01 --scorecard standard --out standard-fit.yaml")),
            Map.entry("lodestar health backtest", List.of("./lodestar health backtest --from 2025-12-01 --to 2026-09-01",
                    "./lodestar health backtest --from 2025-12-01 --to 2026-09-01 --horizon 180d --step 14d "
                            + "--scorecard my-scorecard.yaml --format json")),
            Map.entry("lodestar model", List.of("./lodestar model train",
                    "./lodestar model evaluate --csv churn.csv --label churned")),
            Map.entry("lodestar model evaluate", List.of("./lodestar model evaluate --csv churn.csv --label churned",
                    "./lodestar model evaluate --csv churn.csv --label churn_flag --positive Yes --id account_id --format json")),
            Map.entry("lodestar model train", List.of("./lodestar model train", "./lodestar model train --horizon 90")),
            Map.entry("lodestar playbooks", List.of("./lodestar playbooks list", "./lodestar playbooks dry-run")),
            Map.entry("lodestar playbooks list", List.of("./lodestar playbooks list")),
            Map.entry("lodestar playbooks dry-run", List.of("./lodestar playbooks dry-run",
                    "./lodestar playbooks dry-run --as-of 2026-12-31")),
            Map.entry("lodestar playbooks run", List.of("./lodestar playbooks run")),
            Map.entry("lodestar config", List.of("./lodestar config check")),
            Map.entry("lodestar config check", List.of("./lodestar config check",
                    "./lodestar config check --data /srv/lodestar")),
            Map.entry("lodestar events", List.of("./lodestar events partitions", "./lodestar events detach --before 2025-01")),
            Map.entry("lodestar events partitions", List.of("./lodestar events partitions")),
            Map.entry("lodestar events detach", List.of("./lodestar events detach --before 2025-01")),
            Map.entry("lodestar loads", List.of("./lodestar loads begin 'CRM backfill'", "./lodestar loads list",
                    "./lodestar loads complete 4")),
            Map.entry("lodestar hygiene", List.of("./lodestar hygiene",
                    "./lodestar hygiene --owner maya.chen@lodestar.demo --format json")),
            Map.entry("lodestar benchmark", List.of("./lodestar benchmark retention", "./lodestar benchmark health")),
            Map.entry("lodestar benchmark retention", List.of("./lodestar benchmark retention",
                    "./lodestar benchmark retention --movements 100000 --runs 3")),
            Map.entry("lodestar benchmark ingestion", List.of("./lodestar benchmark ingestion")),
            Map.entry("lodestar benchmark health", List.of("./lodestar benchmark health",
                    "./lodestar benchmark health --accounts 10000 --runs 3")),
            Map.entry("lodestar benchmark churn", List.of("./lodestar benchmark churn")),
            Map.entry("lodestar benchmark served-pages", List.of("./lodestar benchmark served-pages --url http://127.0.0.1:8080",
                    "./lodestar benchmark served-pages --url http://127.0.0.1:8080 --email maya.chen@lodestar.demo "
                            + "--pages today,account --requests 80")),
            Map.entry("lodestar benchmark pages", List.of("./lodestar benchmark pages",
                    "./lodestar benchmark pages --accounts 10000 --seconds 20")));

    /** Read by every command that opens the book. */
    private static final List<String[]> DATABASE = List.of(
            new String[] { "LODESTAR_DATA", "folder of the embedded database when --data is not given (demo: ./lodestar-demo)" },
            new String[] { "LODESTAR_DB_URL", "PostgreSQL JDBC URL when --db-url is not given" });

    /** Read by every command. */
    private static final List<String[]> ALWAYS = List.of(
            new String[] { "LODESTAR_LOG_LEVEL", "info or debug brings the frameworks' log lines back (default: warn; Lodestar's own: info)" },
            new String[] { "LODESTAR_JAVA_OPTS", "options for the JVM ./lodestar starts, e.g. -Xmx2g" });

    /** Read by a running server (serve, demo). */
    private static final List<String[]> SERVER = List.of(
            new String[] { "LODESTAR_ADMIN_EMAIL", "the first admin, made on the first start (default: admin@lodestar.local)" },
            new String[] { "LODESTAR_ADMIN_PASSWORD", "the first admin's password (demo: every demo user's; default lodestar-demo)" },
            new String[] { "LODESTAR_ADMIN_TOKEN", "an API token for the first admin, made on the first start" },
            new String[] { "LODESTAR_BASE_URL", "where people reach this Lodestar, for links in digests and alerts" },
            new String[] { "LODESTAR_SMTP_HOST", "the mail server outreach and digests use (and LODESTAR_SMTP_PORT, _USER, "
                    + "_PASSWORD, _STARTTLS)" },
            new String[] { "LODESTAR_MAIL_FROM", "the sender of outreach email" },
            new String[] { "LODESTAR_SLACK_WEBHOOK", "the team's Slack incoming webhook for alerts" },
            new String[] { "LODESTAR_CURRENCY", "the book's one currency, ISO 4217 (default: USD)" },
            new String[] { "LODESTAR_LOCALE", "how money is written on the pages (default: en-US)" },
            new String[] { "(more)", "docs/operations.md lists every setting" });

    private HelpText() {
    }

    /** Adds the examples and environment sections to this command and every command under it. */
    static void addTo(CommandLine root) {
        root.setUsageHelpWidth(WIDTH);
        root.setUsageHelpLongOptionsMaxWidth(30);
        add(root);
    }

    private static void add(CommandLine line) {
        CommandSpec spec = line.getCommandSpec();
        List<String> keys = new ArrayList<>(line.getHelpSectionKeys());
        if (!keys.contains(EXAMPLES)) {
            keys.add(keys.indexOf(CommandLine.Model.UsageMessageSpec.SECTION_KEY_FOOTER_HEADING), EXAMPLES);
            keys.add(keys.indexOf(CommandLine.Model.UsageMessageSpec.SECTION_KEY_FOOTER_HEADING), ENVIRONMENT);
            line.setHelpSectionKeys(keys);
        }
        List<String> examples = examples(spec);
        line.getHelpSectionMap().put(EXAMPLES, help -> examples.isEmpty() ? ""
                : "%nExamples:%n".formatted() + String.join("", examples.stream().map(e -> "  " + e + "%n".formatted()).toList()));
        line.getHelpSectionMap().put(ENVIRONMENT, help -> environment(spec));
        for (CommandLine sub : line.getSubcommands().values().stream().distinct().toList()) {
            add(sub);
        }
    }

    /** This command's examples; none for picocli's own help command. */
    static List<String> examples(CommandSpec spec) {
        return EXAMPLES_BY_COMMAND.getOrDefault(spec.qualifiedName(), List.of());
    }

    private static String environment(CommandSpec spec) {
        List<String[]> variables = new ArrayList<>();
        if (spec.findOption("--data") != null) {
            variables.addAll(DATABASE);
        }
        if (spec.name().equals("serve") || spec.name().equals("demo")) {
            variables.addAll(SERVER.subList(0, SERVER.size() - 1));
        }
        variables.addAll(ALWAYS);
        if (spec.name().equals("serve") || spec.name().equals("demo")) {
            variables.add(SERVER.getLast());
        }
        int width = variables.stream().mapToInt(v -> v[0].length()).max().orElse(0);
        StringBuilder text = new StringBuilder("%nEnvironment:%n".formatted());
        for (String[] variable : variables) {
            text.append("  ").append(String.format("%-" + width + "s", variable[0])).append("  ").append(variable[1])
                    .append(System.lineSeparator());
        }
        return text.toString();
    }
}
