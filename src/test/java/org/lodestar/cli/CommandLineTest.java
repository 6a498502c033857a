package org.lodestar.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.lodestar.TestDatabase;

/**
 * The command-line tools as a person runs them: each call starts Lodestar on the database, acts,
 * and exits with a status. Runs on an embedded database folder, or on the PostgreSQL test database.
 */
@Tag("slow")
@ExtendWith(org.lodestar.DatabaseAvailable.class)
class CommandLineTest {

    @TempDir
    static Path folder;
    static List<String> database;

    record Run(int status, String out) {
    }

    @BeforeAll
    static void chooseDatabase() {
        database = TestDatabase.postgres() ? List.of("--db-url", TestDatabase.url())
                : List.of("--data", folder.resolve("data").toString());
    }

    /** Runs a command on this test class's database. */
    static Run run(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(database);
        return execute(all.toArray(String[]::new));
    }

    /** Runs a command as given, capturing what it prints. */
    static Run execute(String... args) {
        PrintStream original = System.out;
        PrintStream originalErr = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream capture = new PrintStream(captured, true, StandardCharsets.UTF_8);
        System.setOut(capture);
        System.setErr(capture);
        try {
            int status = LodestarCommand.commandLine().execute(args);
            return new Run(status, captured.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(original);
            System.setErr(originalErr);
        }
    }

    @Test
    void managesUsersAndTokensAndImportsAllOrNothing() throws IOException {
        Run added = run("users", "add", "--email", "cli.csm@lodestar.test", "--name", "Cli Csm", "--role", "csm");
        assertThat(added.status()).as(added.out()).isZero();
        assertThat(added.out()).contains("Added cli.csm@lodestar.test as csm with password ");
        Run badRole = run("users", "add", "--email", "x@lodestar.test", "--name", "X", "--role", "boss");
        assertThat(badRole.status()).isEqualTo(2);
        assertThat(badRole.out()).contains("--role: expected one of admin, cs-leader, csm, read-only, got 'boss'");

        if (!TestDatabase.postgres()) {
            assertThat(folder.resolve("data/lodestar.mv.db")).as("--data chooses the database folder").exists();
        }
        Run listed = run("users", "list");
        assertThat(listed.out()).contains("cli.csm@lodestar.test").contains("csm").contains("active");

        Run token = run("tokens", "create", "--user", "cli.csm@lodestar.test", "--name", "crm sync", "--scope", "write",
                "--expires", "30d");
        assertThat(token.status()).as(token.out()).isZero();
        assertThat(token.out()).containsPattern("\nlsk_[A-Za-z0-9_-]{43}\n");
        Run tokens = run("tokens", "list", "--user", "cli.csm@lodestar.test");
        assertThat(tokens.out()).contains("crm sync").contains("write").contains("active");

        Path bad = folder.resolve("bad.csv");
        Files.writeString(bad, "external_id,name,lifecycle_stage\nCLI-1,Good Co,mature\nCLI-2,Bad Co,sleepy\n");
        Run rejected = run("import", "accounts", bad.toString());
        assertThat(rejected.status()).isEqualTo(1);
        assertThat(rejected.out()).contains("rejected line 3, column lifecycle_stage: expected one of")
                .contains("Nothing imported from bad.csv");

        Path good = folder.resolve("good.csv");
        Files.writeString(good, "external_id,name,lifecycle_stage\nCLI-1,Good Co,mature\nCLI-2,Fine Co,adoption\n");
        assertThat(run("import", "accounts", good.toString()).out()).contains("2 created, 0 updated, 0 unchanged")
                .as("progress, on stderr").containsPattern("Importing rows: 2 of 2 \\(100%\\), \\d+ s");
        assertThat(run("import", "accounts", good.toString()).out()).contains("0 created, 0 updated, 2 unchanged");
        Run partial = run("import", "accounts", bad.toString(), "--partial");
        assertThat(partial.out()).contains("0 created, 0 updated, 1 unchanged, 1 rejected");

        Path asks = folder.resolve("asks.csv");
        Files.writeString(asks, "account_external_id,title,words\nCLI-1,Dark mode,Our admins work at night\nCLI-9,Dark mode,\n");
        Run asked = run("import", "feature-requests", asks.toString());
        assertThat(asked.status()).isEqualTo(1);
        assertThat(asked.out()).contains("rejected line 3, column account_external_id: no account with external id CLI-9");
        assertThat(run("import", "feature-requests", asks.toString(), "--partial").out())
                .contains("1 created, 0 updated, 0 unchanged, 1 rejected");
    }

    @Test
    void checksTheConfigurationAndNamesEveryBadLine() throws IOException {
        Path config = folder.resolve("config-check");
        Run valid = execute("config", "check", "--data", config.toString());
        assertThat(valid.status()).as(valid.out()).isZero();
        assertThat(valid.out()).contains("scorecard standard", "outreach template re-engagement", "signal rules: ",
                "playbook rescue-90-day", "plan template smb-onboarding (shipped:plans/smb-onboarding.yaml, 2 outcomes, "
                        + "4 milestones)", "Configuration is valid.");

        Files.createDirectories(config.resolve("config/playbooks"));
        Files.writeString(config.resolve("config/playbooks/bad.yaml"), """
                name: bad
                title: Bad
                category: rescue
                trigger:
                  any: [no-such-signal]
                steps:
                  - outreach: no-such-template
                    due: 2d
                  - task: Call
                    due: tomorrow
                  - task: Update
                    due: renewal-2h
                    every: 0h
                  - task: Review
                    due: renewal-90d
                    every: 2 weeks
                  - task: Alert
                    due: 0h
                    while-cause-lasts: maybe
                  - task: Chase
                    due: 1d
                    every: 1d
                    while-cause-lasts: false
                """);
        Run invalid = execute("config", "check", "--data", config.toString());
        assertThat(invalid.status()).isEqualTo(2);
        assertThat(invalid.out()).contains("bad.yaml:5: trigger.any[0]: unknown signal rule 'no-such-signal'",
                "bad.yaml:7: steps[0].outreach: no outreach template is named 'no-such-template'",
                "bad.yaml:10: steps[1].due: expected days or hours after the play starts (3d, 2h) or days before the next "
                        + "renewal (renewal-90d), got 'tomorrow'",
                "bad.yaml:12: steps[2].due: expected days or hours after the play starts (3d, 2h) or days before the next "
                        + "renewal (renewal-90d), got 'renewal-2h'",
                "bad.yaml:13: steps[2].every: expected how often the task recurs, in hours or days from 1h to 366d (1h, 7d), "
                        + "got '0h'",
                "bad.yaml:16: steps[3].every: expected how often the task recurs, in hours or days from 1h to 366d (1h, 7d), "
                        + "got '2 weeks'", "bad.yaml:19: steps[4].while-cause-lasts: expected true or false, got 'maybe'",
                "bad.yaml:23: steps[5].while-cause-lasts: a step with every stops when its cause clears: leave out "
                        + "while-cause-lasts or say true", "8 problem(s)");
        Run refused = execute("playbooks", "list", "--data", config.toString());
        assertThat(refused.status()).as("a bad file stops every command").isEqualTo(2);
        assertThat(refused.out()).contains("unknown signal rule 'no-such-signal'");
    }

    @Test
    void checksPlanTemplatesAndThePlaybooksThatNameOne() throws IOException {
        Path config = folder.resolve("config-check-plans");
        Files.createDirectories(config.resolve("config/plans"));
        Files.createDirectories(config.resolve("config/playbooks"));
        Files.writeString(config.resolve("config/plans/launch.yaml"), """
                name: launch
                title: Launch
                outcomes:
                  - outcome: Live
                    milestones:
                      - { title: Go live, due: soon, owner: csm }
                """);
        Files.writeString(config.resolve("config/playbooks/welcome.yaml"), """
                name: welcome
                title: Welcome
                category: onboarding
                trigger:
                  any: [new-customer]
                steps:
                  - task: Call
                    due: 2d
                plan: smb-onbaording
                """);
        Run invalid = execute("config", "check", "--data", config.toString());
        assertThat(invalid.status()).as(invalid.out()).isEqualTo(2);
        assertThat(invalid.out()).as("with a template unreadable, the playbooks' plan names are not blamed for it")
                .contains("launch.yaml:6: outcomes[0].milestones[0].due: expected days after the plan starts, such as 30d, "
                        + "got 'soon'", "1 problem(s)");

        Files.writeString(config.resolve("config/plans/launch.yaml"), Files.readString(config.resolve("config/plans/launch.yaml"))
                .replace("due: soon", "due: 30d"));
        Run misnamed = execute("config", "check", "--data", config.toString());
        assertThat(misnamed.status()).as(misnamed.out()).isEqualTo(2);
        assertThat(misnamed.out()).contains("plan template launch (", "welcome.yaml:9: plan: no success-plan template is "
                + "named 'smb-onbaording' (config/plans/)", "1 problem(s)");
    }

    @Test
    void checksEveryKindOfFileEvenWhenOthersHaveProblems() throws IOException {
        Path config = folder.resolve("config-check-all");
        Files.createDirectories(config.resolve("config/scorecards"));
        Files.writeString(config.resolve("config/scorecards/extra.yaml"), """
                name: extra
                version: "1"
                applies-to: { segments: [galaxy] }
                measures:
                  - key: tickets
                    input: open-tickets
                    weight: 1
                    score: { linear: [[0, 100], [5, 0]] }
                    missing: exclude
                """);
        Files.createDirectories(config.resolve("config/signals"));
        Files.writeString(config.resolve("config/signals/more.yaml"), """
                rules:
                  - key: steep-drop
                    kind: usage-drop
                    percent: 500
                    days: 30d
                """);
        Files.createDirectories(config.resolve("config/templates"));
        Files.writeString(config.resolve("config/templates/note.yaml"), """
                name: broken-note
                channel: sms
                body: Hi
                """);
        Files.createDirectories(config.resolve("config/playbooks"));
        // Names the broken rule and template, which are reported in their own files, and a rule that exists nowhere.
        Files.writeString(config.resolve("config/playbooks/steep.yaml"), """
                name: steep
                title: Steep drop
                category: rescue
                trigger:
                  any: [steep-drop, no-such-signal]
                steps:
                  - outreach: broken-note
                    due: 2d
                """);
        Run invalid = execute("config", "check", "--data", config.toString());
        assertThat(invalid.status()).as(invalid.out()).isEqualTo(2);
        assertThat(invalid.out()).contains("extra.yaml:3: applies-to.segments[0]: unknown segment 'galaxy'",
                "more.yaml:4: rules[0].percent: expected a number from 1 to 100, got 500",
                "note.yaml:2: channel: unknown channel: expected one of email, slack, got 'sms'",
                "steep.yaml:5: trigger.any[1]: unknown signal rule 'no-such-signal'", "4 problem(s)");
        assertThat(invalid.out()).doesNotContain("unknown signal rule 'steep-drop'").doesNotContain("no outreach template");
    }

    @Test
    void recomputesHealthAndListsWhatPlaybooksWouldStart() {
        Run recompute = run("health", "recompute");
        assertThat(recompute.status()).as(recompute.out()).isZero();
        assertThat(recompute.out()).containsPattern("Recomputed \\d+ accounts in \\d+ ms")
                .containsPattern("Scoring accounts: [\\d,]+ of [\\d,]+ \\(100%\\), \\d+ s");
        Run list = run("playbooks", "list");
        assertThat(list.status()).as(list.out()).isZero();
        assertThat(list.out()).contains("major-incident", "urgent-ticket", "rescue-90-day", "sponsor-left, usage-drop");
        Run dryRun = run("playbooks", "dry-run");
        assertThat(dryRun.status()).as(dryRun.out()).isZero();
        assertThat(dryRun.out()).containsPattern("\\d+ signal\\(s\\) would fire and \\d+ resolve on \\d{4}-\\d{2}-\\d{2}")
                .containsPattern("\\d+ play\\(s\\) would start on \\d{4}-\\d{2}-\\d{2}");
        Run later = run("playbooks", "dry-run", "--as-of", java.time.LocalDate.now().plusDays(30).toString());
        assertThat(later.status()).as(later.out()).isZero();
        assertThat(later.out()).contains("would start on " + java.time.LocalDate.now().plusDays(30));
        Run bad = run("playbooks", "dry-run", "--as-of", "next week");
        assertThat(bad.status()).isEqualTo(2);
        assertThat(bad.out()).contains("--as-of: expected a day such as 2027-01-15, got 'next week'");
        Run loads = run("loads", "begin", "the CRM export");
        assertThat(loads.status()).as(loads.out()).isZero();
        assertThat(loads.out()).containsPattern("Load \\d+ open: signals wait");
        assertThat(run("loads", "complete", "999").out()).contains("Load 999");
        java.util.regex.Matcher opened = java.util.regex.Pattern.compile("Load (\\d+) open").matcher(loads.out());
        assertThat(opened.find()).isTrue();
        Run completed = run("loads", "complete", opened.group(1));
        assertThat(completed.out()).contains("(the CRM export) complete: 0 accounts evaluated");
    }

    @Test
    void reportsDataHygieneFromTheCrmViewAndAMetricsTable() throws IOException {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        Path crm = folder.resolve("crm.csv");
        Files.writeString(crm, "external_id,name,renewal_date,arr,seats\nCLI-H1,Hygiene Co," + today.plusDays(200) + ",9000,10\n");
        assertThat(run("import", "accounts", crm.toString()).out()).contains("1 created");
        Path contracts = folder.resolve("hygiene-contracts.csv");
        Files.writeString(contracts, "subscription_id,account_external_id,plan,seats,arr,start_date,end_date\nCLI-HS1,CLI-H1,growth,10,9000,"
                + today.minusDays(30) + "," + today.plusDays(100) + "\n");
        assertThat(run("import", "subscriptions", contracts.toString()).out()).contains("1 created");
        // 100 → 150 is +50.0 %, stated 40 %; the total 250 is right.
        Path mau = folder.resolve("mau.csv");
        Files.writeString(mau, "month,users,growth %\njan,100,\nfeb,150,40%\ntotal,250,\n");
        assertThat(run("import", "metrics", mau.toString()).out()).contains("1 created");

        Run table = run("hygiene");
        assertThat(table.status()).isZero();
        assertThat(table.out()).contains("Data hygiene: ", "renewal-date-disagrees", "Hygiene Co (",
                "crm " + today.plusDays(200) + "; contract " + today.plusDays(100), "stated 40%; computed 50.0%",
                "Score per CSM");
        Run json = run("hygiene", "--format", "json", "--kind", "stated-figure-wrong");
        assertThat(json.status()).isZero();
        assertThat(json.out().replaceAll("\\s", "")).contains("\"kind\":\"stated-figure-wrong\"", "\"computed\":\"50.0%\"")
                .doesNotContain("\"kind\":\"renewal-date-disagrees\"");
        Run bad = run("hygiene", "--kind", "typos");
        assertThat(bad.status()).isEqualTo(2);
        assertThat(bad.out()).contains("--kind: expected one of renewal-date-disagrees");
    }

    @Test
    void explainsWhatItCannotDo() {
        Run missing = run("import", "accounts", "no/such/file.csv");
        assertThat(missing.status()).isEqualTo(2);
        assertThat(missing.out()).contains("No such file or folder: no/such/file.csv");
        Run kind = run("import", "payments", "pom.xml");
        assertThat(kind.status()).isEqualTo(2);
        assertThat(kind.out()).contains("expected one of book, ravenstack, accounts, stakeholders, subscriptions, tickets, "
                + "surveys, invoices, feature-requests, metrics, zendesk-tickets, stripe-invoices, got 'payments'");
        Run notJson = run("import", "stripe-invoices", "pom.xml");
        assertThat(notJson.status()).isEqualTo(1);
        assertThat(notJson.out()).contains("rejected line 1: not valid JSON");
    }

    @Test
    void importsRavenStackAndSaysWhatItDecided() {
        Run raven = run("import", "ravenstack", "src/test/resources/ravenstack-mini");
        assertThat(raven.status()).as(raven.out()).isZero();
        assertThat(raven.out()).containsPattern("\\[ *\\d+ s\\] Read \\d+ accounts").contains("free trials skipped").contains("the later subscription replaces the earlier")
                .contains("contracts decide whether an account churned");

        Run retention = run("report", "retention", "--from", "2024-01-01", "--to", "2024-12-31", "--by", "segment");
        assertThat(retention.status()).as(retention.out()).isZero();
        assertThat(retention.out()).contains("Retention 2024-01-01 to 2024-12-31 by segment").contains("starting ARR")
                .contains("NRR").contains("total").contains("Closing ARR");
        Run csv = run("report", "retention", "--from", "2024-01-01", "--to", "2024-12-31", "--format", "csv");
        assertThat(csv.out()).startsWith("group,starting accounts,starting ARR,expansion,contraction,churn,ending ARR,NRR,GRR");
        Run json = run("report", "retention", "--from", "2024-01-01", "--to", "2024-12-31", "--format", "json");
        assertThat(json.out()).contains("\"startingArr\"").contains("\"nrr\"");
        Run badGrouping = run("report", "retention", "--from", "2024-01-01", "--to", "2024-12-31", "--by", "colour");
        assertThat(badGrouping.status()).isEqualTo(2);
        assertThat(badGrouping.out()).contains("segment, coverage, owner, cohort");
        Run backwards = run("report", "retention", "--from", "2024-12-31", "--to", "2024-01-01");
        assertThat(backwards.status()).isEqualTo(2);
        assertThat(backwards.out()).contains("--to must be on or after --from 2024-12-31");
        assertThat(run("report", "renewals", "--days", "400").out()).contains("--days: expected 1 to 365");
        Run plan = run("plan", "--target", "galaxy:90:100");
        assertThat(plan.status()).isEqualTo(2);
        assertThat(plan.out()).contains("targets.galaxy: unknown segment");
        Run planned = run("plan", "--target", "smb:90:105", "--quarters", "2");
        assertThat(planned.status()).as(planned.out()).isZero();
        assertThat(planned.out()).contains("smb: ARR").contains("churn ARR to save").contains("Expansion candidates");
    }
}
