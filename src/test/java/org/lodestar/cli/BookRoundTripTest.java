package org.lodestar.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.lodestar.DatabaseAvailable;
import org.lodestar.TestDatabase;
import org.lodestar.accounts.Accounts;
import org.lodestar.accounts.ActivityDraft;
import org.lodestar.accounts.MeetingType;
import org.lodestar.accounts.TimeCategory;
import org.lodestar.accounts.Timeline;
import org.lodestar.accounts.TimelineKind;
import org.lodestar.audit.Actor;
import org.lodestar.audit.Actors;
import org.lodestar.accounts.Stakeholders;
import org.lodestar.people.Users;
import org.lodestar.feedback.AskDraft;
import org.lodestar.feedback.FeatureRequests;
import org.lodestar.feedback.RequestStatus;
import org.lodestar.notifications.Notifications;
import org.lodestar.outreach.Channel;
import org.lodestar.outreach.Outreach;
import org.lodestar.outreach.OutreachMessage;
import org.lodestar.people.SavedViews;
import org.lodestar.revenue.RenewalOutcome;
import org.lodestar.revenue.Renewals;
import org.lodestar.revenue.Subscriptions;
import org.lodestar.reviews.DraftEdit;
import org.lodestar.reviews.Quarter;
import org.lodestar.reviews.ReviewDrafts;
import org.lodestar.reviews.ReviewKind;
import org.lodestar.reviews.StatedFigure;
import org.lodestar.signals.SignalCategory;
import org.lodestar.tasks.Priority;
import org.lodestar.tasks.Task;
import org.lodestar.tasks.TaskDraft;
import org.lodestar.tasks.Tasks;
import org.lodestar.tasks.Team;
import org.lodestar.plans.MilestoneDraft;
import org.lodestar.plans.MilestoneStatus;
import org.lodestar.plans.OwnerSide;
import org.lodestar.plans.PlanDraft;
import org.lodestar.plans.SuccessPlan;
import org.lodestar.plans.SuccessPlans;
import org.lodestar.plans.TimeToValue;
import org.lodestar.plans.TimeToValues;
import org.lodestar.usage.EventLog;
import org.lodestar.usage.UsageImports;
import org.lodestar.usage.UsageRollups;
import org.lodestar.usage.WriteKeys;
import org.lodestar.usage.internal.TrackingPayloads;
import org.springframework.context.ConfigurableApplicationContext;

import tools.jackson.databind.json.JsonMapper;

/**
 * The whole book written out with {@code export} and read into an empty instance with {@code import book}: every table
 * of the book compared field by field (generated ids aside), the ARR ledger per account, day and kind, NRR and GRR,
 * the usage rollups and the health scores. The book has awkward values on purpose: commas, quotes and unicode in
 * names, empty optional cells, a parent account after its children, a churned account with a disabled owner, an
 * account of an owner made read-only since, contracts
 * corrected after the fact, usage calls not yet tied to an account. Runs on embedded folders or on two fresh PostgreSQL
 * databases.
 */
@Tag("slow")
@ExtendWith(DatabaseAvailable.class)
class BookRoundTripTest {

    @TempDir
    static Path folder;
    static Place source;
    static Place target;

    /** An instance's database: its command-line options and a JDBC URL to compare it with. */
    record Place(List<String> options, String url, String database) {

        CommandLineTest.Run run(String... args) {
            List<String> all = new ArrayList<>(List.of(args));
            all.addAll(options);
            return CommandLineTest.execute(all.toArray(String[]::new));
        }

        DatabaseOptions databaseOptions() {
            DatabaseOptions options = new DatabaseOptions();
            if (url.startsWith("jdbc:postgresql:")) {
                options.dbUrl = url;
                options.data = Path.of(this.options.getLast()).getParent();
            } else {
                options.data = Path.of(this.options.getLast());
            }
            return options;
        }
    }

    @BeforeAll
    static void twoInstances() {
        source = place("source");
        target = place("target");
    }

    @AfterAll
    static void dropDatabases() {
        for (Place place : List.of(source, target)) {
            if (place != null && place.database() != null) {
                sql(TestDatabase.serverUrl(), "drop database if exists " + place.database() + " with (force)");
            }
        }
    }

    private static Place place(String name) {
        if (!TestDatabase.postgres()) {
            Path data = folder.resolve(name);
            return new Place(List.of("--data", data.toString()), EmbeddedBackups.url(data), null);
        }
        String database = "lodestar_book_" + name + "_" + ProcessHandle.current().pid();
        sql(TestDatabase.serverUrl(), "drop database if exists " + database + " with (force)");
        sql(TestDatabase.serverUrl(), "create database " + database);
        String url = TestDatabase.serverUrl().replaceFirst("(jdbc:postgresql://[^/?]+)/[^?]*", "$1/" + database);
        return new Place(List.of("--db-url", url, "--data", folder.resolve(name).toString()), url, database);
    }

    private static void sql(String url, String statement) {
        try (Connection connection = DriverManager.getConnection(url); Statement s = connection.createStatement()) {
            s.execute(statement);
        } catch (SQLException e) {
            throw new IllegalStateException(statement + ": " + e.getMessage(), e);
        }
    }

    @Test
    void anExportedBookImportsIntoAnEmptyInstanceAsItWas() throws Exception {
        buildTheSourceBook();
        Path export = folder.resolve("export");
        CommandLineTest.Run exported = source.run("export", export.toString());
        assertThat(exported.status()).as(exported.out()).isZero();
        assertThat(exported.out()).contains("Writing accounts.csv ...", "Exported into");
        String manifest = Files.readString(export.resolve("manifest.json"));
        assertThat(manifest).contains("\"format\" : \"lodestar-book\"", "\"accounts.csv\" : 4", "\"users.csv\" : 4",
                "\"subscriptions.csv\" : 5", "\"activities.csv\" : 3", "\"usage-events.jsonl\" : 7", "\"usage-counts.csv\" : 2",
                "\"plans.csv\" : 6", "\"tasks.csv\" : 3", "\"renewal-calls.csv\" : 2", "\"requests.csv\" : 3",
                "\"reviews.csv\" : 2", "\"outreach.csv\" : 2", "\"saved-views.csv\" : 1",
                "\"notification-settings.csv\" : 1");
        assertThat(Files.readString(export.resolve("notification-settings.csv"))).as("a webhook is a secret")
                .doesNotContain("hooks.slack");
        assertThat(Files.readString(export.resolve("users.csv"))).contains("bo@book.test,\"Bo \"\"Jr\"\", Second\",cs-leader,false")
                .doesNotContain("password").doesNotContain("$2");

        CommandLineTest.Run again = source.run("export", export.toString());
        assertThat(again.status()).isEqualTo(2);
        assertThat(again.out()).contains("is not empty; choose an empty folder, or --force");

        CommandLineTest.Run imported = target.run("import", "book", export.toString());
        assertThat(imported.status()).as(imported.out()).isZero();
        assertThat(imported.out()).contains("Importing users.csv ...", "Importing usage-events.jsonl ...",
                "Imported the book: 19 file(s), 3 account(s) scored");

        for (Map.Entry<String, String> query : BOOK.entrySet()) {
            List<List<String>> before = rows(source.url(), query.getValue());
            List<List<String>> after = rows(target.url(), query.getValue());
            assertThat(before).as(query.getKey() + " in the source book").isNotEmpty();
            assertThat(after).as(query.getKey()).isEqualTo(before);
        }
        assertThat(timeToValue(target)).as("A-1's time-to-value").isEqualTo(timeToValue(source))
                .extracting(TimeToValue.Row::reachedOn).isEqualTo(LocalDate.parse("2026-11-24"));
        String retention = "report retention --from 2025-01-01 --to 2026-12-31 --by segment --format csv";
        CommandLineTest.Run nrrBefore = source.run(retention.split(" "));
        CommandLineTest.Run nrrAfter = target.run(retention.split(" "));
        assertThat(nrrBefore.status()).as(nrrBefore.out()).isZero();
        assertThat(nrrAfter.out()).isEqualTo(nrrBefore.out());

        // The same folder again changes nothing: every file is already in.
        CommandLineTest.Run twice = target.run("import", "book", export.toString());
        assertThat(twice.status()).as(twice.out()).isZero();
        assertThat(twice.out()).contains("0 created, 0 updated, 4 unchanged", "0 stored, 7 already there",
                "Imported activities.csv: 3 row(s): 0 created, 3 already there",
                "Imported plans.csv: 6 row(s), 2 plan(s): 0 created, 2 already there",
                "Imported tasks.csv: 3 row(s): 0 created, 3 already there",
                "Imported requests.csv: 3 request(s): 0 created, 3 already there",
                "Imported reviews.csv: 2 row(s), 1 draft(s): 0 created, 1 already there");
        for (String plans : List.of("success plans", "plan outcomes", "plan milestones", "milestones on the timeline",
                "tasks", "renewal calls", "product requests", "review drafts", "outreach history", "saved views")) {
            assertThat(rows(target.url(), BOOK.get(plans))).as(plans + " after a second import")
                    .isEqualTo(rows(source.url(), BOOK.get(plans)));
        }
        assertThat(rows(target.url(), BOOK.get("tracked calls"))).isEqualTo(rows(source.url(), BOOK.get("tracked calls")));
    }

    @Test
    void aFolderWithABadRowStopsAtThatFileNamingLineAndColumn() throws IOException {
        Path missing = folder.resolve("no-such-export");
        CommandLineTest.Run absent = target.run("import", "book", missing.toString());
        assertThat(absent.status()).isEqualTo(2);
        assertThat(absent.out()).contains("No such file or folder: " + missing);

        Path notAnExport = Files.createDirectories(folder.resolve("not-an-export"));
        Files.writeString(notAnExport.resolve("accounts.csv"), "external_id,name\nX-1,X\n");
        CommandLineTest.Run noManifest = target.run("import", "book", notAnExport.toString());
        assertThat(noManifest.status()).isEqualTo(2);
        assertThat(noManifest.out()).contains("is not a Lodestar export: it has no manifest.json");

        Path bad = Files.createDirectories(folder.resolve("bad-export"));
        Files.writeString(bad.resolve("manifest.json"), "{\"format\": \"lodestar-book\"}\n");
        Files.writeString(bad.resolve("users.csv"), "email,name,role,enabled\nzoe@bad.test,Zoe,csm,true\n");
        Files.writeString(bad.resolve("accounts.csv"), "external_id,name,lifecycle_stage\nBAD-1,Fine,mature\n"
                + "BAD-2,Not fine,sleepy\n");
        Files.writeString(bad.resolve("stakeholders.csv"), "account_external_id,email,name,role\n"
                + "BAD-1,a@bad.test,A,user\n");
        CommandLineTest.Run stopped = target.run("import", "book", bad.toString());
        assertThat(stopped.status()).as(stopped.out()).isEqualTo(1);
        assertThat(stopped.out()).contains("accounts.csv line 3, column lifecycle_stage: expected one of",
                "Stopped at accounts.csv: nothing of it was imported");
        assertThat(stopped.out()).doesNotContain("Importing stakeholders.csv");
        assertThat(rows(target.url(), "select external_id from account where external_id like 'BAD-%'")).isEmpty();
        assertThat(rows(target.url(), "select email from app_user where email = 'zoe@bad.test'"))
                .as("the file before the bad one stays imported").hasSize(1);

        Path badUsers = Files.createDirectories(folder.resolve("bad-users"));
        Files.writeString(badUsers.resolve("manifest.json"), "{\"format\": \"lodestar-book\"}\n");
        Files.writeString(badUsers.resolve("users.csv"), "email,name,role\nfine@bad.test,Fine,csm\n"
                + "long@bad.test," + "N".repeat(201) + ",csm\nrole@bad.test,Role,boss\n");
        CommandLineTest.Run usersRefused = target.run("import", "book", badUsers.toString());
        assertThat(usersRefused.status()).isEqualTo(1);
        assertThat(usersRefused.out()).contains("users.csv line 4, column role: expected one of admin, cs-leader, csm, "
                + "read-only");
        Files.writeString(badUsers.resolve("users.csv"), "email,name,role\nfine@bad.test,Fine,csm\n"
                + "long@bad.test," + "N".repeat(201) + ",csm\n");
        CommandLineTest.Run nameRefused = target.run("import", "book", badUsers.toString());
        assertThat(nameRefused.status()).isEqualTo(1);
        assertThat(nameRefused.out()).contains("users.csv line 3, column name: must be 1 to 200 characters");
        assertThat(rows(target.url(), "select email from app_user where email in ('fine@bad.test', 'long@bad.test')")).isEmpty();

        Path badPlans = Files.createDirectories(folder.resolve("bad-plans"));
        Files.writeString(badPlans.resolve("manifest.json"), "{\"format\": \"lodestar-book\"}\n");
        Files.writeString(badPlans.resolve("accounts.csv"), "external_id,name\nPLANS-1,Plans Inc\n");
        Files.writeString(badPlans.resolve("plans.csv"), """
                account_external_id,plan_key,plan_title,plan_starts_on,outcome_position,outcome_title,milestone_position,milestone_title,owner_email,due_on,status
                PLANS-1,1,Bad plan,2026-11-01,1,Live,1,Fine,,2026-11-10,done
                NO-SUCH,1,Bad plan,2026-11-01,1,Live,1,Fine,,2026-11-10,
                PLANS-1,1,Bad plan,2026-11-01,1,Live,2,Owned,nobody@bad.test,2026-11-10,
                PLANS-1,1,Bad plan,2026-11-01,1,Live,3,Dated,,2026-13-01,
                PLANS-1,1,Bad plan,2026-11-01,1,Live,4,Stated,,2026-11-10,finished
                """);
        CommandLineTest.Run plansRefused = target.run("import", "book", badPlans.toString());
        assertThat(plansRefused.status()).as(plansRefused.out()).isEqualTo(1);
        assertThat(plansRefused.out()).contains("plans.csv line 3, column account_external_id: no account with external id "
                + "NO-SUCH", "plans.csv line 4, column owner_email: no user with email nobody@bad.test",
                "plans.csv line 5, column due_on: expected", "plans.csv line 6, column status: expected one of",
                "Stopped at plans.csv: nothing of it was imported");
        assertThat(rows(target.url(), "select title from success_plan where title = 'Bad plan'")).isEmpty();

        Path badHistory = Files.createDirectories(folder.resolve("bad-history"));
        Files.writeString(badHistory.resolve("manifest.json"), "{\"format\": \"lodestar-book\"}\n");
        Files.writeString(badHistory.resolve("accounts.csv"), "external_id,name\nHIST-1,History Inc\n");
        Files.writeString(badHistory.resolve("requests.csv"), """
                title,status,merged_into
                Offline mode,planned,
                Airplane mode,new,Offline mode
                Dark side,new,No such request
                Offline MODE,shipped,
                """);
        CommandLineTest.Run requestsRefused = target.run("import", "book", badHistory.toString());
        assertThat(requestsRefused.status()).as(requestsRefused.out()).isEqualTo(1);
        assertThat(requestsRefused.out()).contains("requests.csv line 5, column title: the request 'Offline MODE' is on "
                + "line 2 already", "requests.csv line 4, column merged_into: no request titled 'No such request'");
        assertThat(rows(target.url(), "select title from product_request where title in ('Offline mode', 'Airplane mode', 'Dark side')")).isEmpty();
        Files.writeString(badHistory.resolve("requests.csv"), "title,status,merged_into\nOffline mode,planned,\n"
                + "Airplane mode,new,Offline mode\n");
        Files.writeString(badHistory.resolve("tasks.csv"), """
                account_external_id,title,due_on,status,created_at,owner_email,minutes_spent,completed_at
                HIST-1,Fine,2026-12-01,done,2026-11-01T10:00:00Z,,30,2026-11-02T10:00:00Z
                HIST-1,Owned,2026-12-01,open,2026-11-01T10:00:00Z,nobody@bad.test,,
                HIST-1,Stated,2026-12-01,finished,2026-11-01T10:00:00Z,,,
                HIST-1,Long,2026-12-01,done,2026-11-01T10:00:00Z,,2000,
                HIST-1,Closed?,2026-12-01,open,2026-11-01T10:00:00Z,,,2026-11-02T10:00:00Z
                """);
        CommandLineTest.Run tasksRefused = target.run("import", "book", badHistory.toString());
        assertThat(tasksRefused.status()).as(tasksRefused.out()).isEqualTo(1);
        assertThat(tasksRefused.out()).contains("Imported requests.csv: 2 request(s): 2 created",
                "tasks.csv line 3, column owner_email: no user with email nobody@bad.test",
                "tasks.csv line 4, column status: expected one of", "tasks.csv line 5, column minutes_spent: expected "
                + "whole minutes, 1 to 1440, got 2000", "tasks.csv line 6, column completed_at: given for an open task",
                "Stopped at tasks.csv: nothing of it was imported");
        assertThat(rows(target.url(), "select r.title, r.status, m.title from product_request r left join product_request m "
                + "on m.id = r.merged_into where r.title in ('Offline mode', 'Airplane mode') order by 1")).containsExactly(
                        List.of("Airplane mode", "NEW", "Offline mode"), java.util.Arrays.asList("Offline mode", "PLANNED", null));
        assertThat(rows(target.url(), "select title from task where title = 'Fine'")).isEmpty();
        Files.delete(badHistory.resolve("tasks.csv"));
        Files.writeString(badHistory.resolve("subscriptions.csv"), "subscription_id,account_external_id,plan,seats,arr,"
                + "start_date,end_date\nHIST-S,HIST-1,pro,5,5000,2026-01-01,2027-01-01\n");
        Files.writeString(badHistory.resolve("renewal-calls.csv"), """
                subscription_external_id,forecast_arr,outcome,outcome_arr
                HIST-S,4000,,
                HIST-S,,churned,0
                HIST-S,,renewed,
                """);
        CommandLineTest.Run callsRefused = target.run("import", "book", badHistory.toString());
        assertThat(callsRefused.status()).as(callsRefused.out()).isEqualTo(1);
        assertThat(callsRefused.out()).contains("renewal-calls.csv line 4, column outcome_arr: required with an outcome",
                "Stopped at renewal-calls.csv: nothing of it was imported");
        Files.writeString(badHistory.resolve("renewal-calls.csv"), """
                subscription_external_id,forecast_arr,outcome,outcome_arr
                HIST-S,4000,,
                HIST-S,,churned,0
                """);
        CommandLineTest.Run twoCalls = target.run("import", "book", badHistory.toString());
        assertThat(twoCalls.status()).as(twoCalls.out()).isEqualTo(1);
        assertThat(twoCalls.out()).contains("renewal-calls.csv line 3, column subscription_external_id: a second row for "
                + "this subscription");
        assertThat(rows(target.url(), "select c.forecast_arr from renewal_call c join subscription s on s.id = "
                + "c.subscription_id where s.external_id = 'HIST-S' and c.forecast_arr is not null")).isEmpty();

        Path badEvents = Files.createDirectories(folder.resolve("bad-events"));
        Files.writeString(badEvents.resolve("manifest.json"), "{\"format\": \"lodestar-book\"}\n");
        Files.writeString(badEvents.resolve("usage-events.jsonl"), "{\"batch\":[{\"type\":\"track\",\"userId\":\"u\","
                + "\"event\":\"Fine\",\"messageId\":\"bad-1\"}]}\n{\"batch\":[{\"type\":\"track\",\"userId\":\"u\"}]}\n");
        CommandLineTest.Run refused = target.run("import", "book", badEvents.toString());
        assertThat(refused.status()).isEqualTo(1);
        assertThat(refused.out()).contains("usage-events.jsonl line 2: batch[0].event: is required");
        assertThat(rows(target.url(), "select message_id from unattributed_event where message_id = 'bad-1'")).isEmpty();
    }

    /** The book's fields, table by table, with accounts, users and requests named by their keys rather than ids. */
    static final Map<String, String> BOOK = new LinkedHashMap<>();

    static {
        BOOK.put("users", "select email, name, role, enabled from app_user order by email");
        BOOK.put("accounts", """
                select a.external_id, a.name, a.billing_id, a.product_group_id, a.domain, a.industry, a.country, u.email,
                       p.external_id, a.lifecycle_stage, a.coverage_model, a.segment, a.arr, a.renewal_date
                from account a left join app_user u on u.id = a.owner_id left join account p on p.id = a.parent_id
                order by a.external_id""");
        BOOK.put("the CRM's view", """
                select a.external_id, c.renewal_date, c.arr, c.seats from crm_account_view c
                join account a on a.id = c.account_id order by a.external_id""");
        BOOK.put("stakeholders", """
                select a.external_id, s.email, s.name, s.title, s.role, s.status, s.left_on from stakeholder s
                join account a on a.id = s.account_id order by a.external_id, s.email""");
        BOOK.put("logged activities", """
                select a.external_id, t.kind, t.meeting_type, t.occurred_at, t.subject, t.body, t.author,
                       t.duration_minutes, t.category from timeline_entry t join account a on a.id = t.account_id
                where t.kind in ('NOTE', 'CALL', 'MEETING', 'EMAIL') order by 1, 4, 5""");
        BOOK.put("contracts", """
                select s.external_id, a.external_id, s.auto_renew, s.start_date, s.end_date, l.plan, l.module, l.seats,
                       l.arr, l.start_date, l.end_date
                from subscription s join account a on a.id = s.account_id join line_item l on l.subscription_id = s.id
                order by s.external_id, l.start_date, l.module""");
        BOOK.put("the ARR ledger", """
                select a.external_id, m.effective_date, m.kind, sum(m.amount) from arr_movement m
                join account a on a.id = m.account_id group by a.external_id, m.effective_date, m.kind
                having sum(m.amount) <> 0 order by 1, 2, 3""");
        BOOK.put("tickets", """
                select t.external_id, a.external_id, t.subject, t.status, t.priority, t.escalated, t.created_at,
                       t.solved_at, t.satisfaction from support_ticket t join account a on a.id = t.account_id
                order by t.external_id""");
        BOOK.put("surveys", """
                select r.external_id, a.external_id, r.kind, r.score, r.comment, r.respondent_email, r.responded_at
                from survey_response r join account a on a.id = r.account_id order by r.external_id""");
        BOOK.put("invoices", """
                select i.external_id, a.external_id, i.number, i.currency, i.amount_due, i.amount_paid, i.issued_on,
                       i.due_on, i.paid_on, i.status from invoice i join account a on a.id = i.account_id
                order by i.external_id""");
        BOOK.put("feature requests", """
                select a.external_id, r.title, s.email, f.words, f.asked_on from feature_ask f
                join account a on a.id = f.account_id join product_request r on r.id = f.request_id
                left join stakeholder s on s.id = f.contact_id order by a.external_id, r.title, f.asked_on""");
        BOOK.put("tracked calls", """
                select e.message_id, e.type, e.event, e.module, e.user_key, e.group_id, a.external_id, e.on_date,
                       e.occurred_at from tracked_event e join account a on a.id = e.account_id order by e.message_id""");
        BOOK.put("calls waiting for an account", """
                select message_id, type, event, user_key, on_date, occurred_at from unattributed_event
                order by message_id""");
        BOOK.put("imported counts", """
                select u.source, a.external_id, u.on_date, u.feature, u.events from imported_usage u
                join account a on a.id = u.account_id order by 1, 2, 3, 4""");
        BOOK.put("usage rollups", """
                select a.external_id, d.on_date, d.events, d.active_users from usage_day d
                join account a on a.id = d.account_id order by 1, 2""");
        BOOK.put("feature rollups", """
                select a.external_id, d.on_date, d.feature, d.module, d.events from usage_feature_day d
                join account a on a.id = d.account_id order by 1, 2, 3""");
        BOOK.put("success plans", """
                select a.external_id, p.title, p.template, p.starts_on, p.created_at, p.created_by from success_plan p
                join account a on a.id = p.account_id order by 1, 5""");
        BOOK.put("plan outcomes", """
                select a.external_id, p.created_at, o.position, o.title from plan_outcome o
                join success_plan p on p.id = o.plan_id join account a on a.id = p.account_id order by 1, 2, 3""");
        BOOK.put("plan milestones", """
                select a.external_id, p.created_at, o.position, m.position, m.title, m.owner_side, u.email, s.email,
                       m.due_on, m.status, m.is_value, m.evidence, m.completed_at, m.completed_by from plan_milestone m
                join success_plan p on p.id = m.plan_id join plan_outcome o on o.id = m.outcome_id
                join account a on a.id = p.account_id left join app_user u on u.id = m.owner_user_id
                left join stakeholder s on s.account_id = p.account_id and s.id = m.owner_contact_id
                order by 1, 2, 3, 4""");
        BOOK.put("milestones on the timeline", """
                select a.external_id, t.occurred_at, t.subject, t.body from timeline_entry t
                join account a on a.id = t.account_id where t.kind = 'MILESTONE' order by 1, 2""");
        BOOK.put("tasks", """
                select a.external_id, t.title, t.description, t.category, u.email, t.team, t.priority, t.due_on, t.due_at,
                       t.status, t.snoozed_until, t.outreach, t.created_at, t.created_by, t.completed_at, t.minutes_spent
                from task t join account a on a.id = t.account_id left join app_user u on u.id = t.owner_id
                where t.play_id is null or t.status <> 'open' order by 1, 2""");
        BOOK.put("renewal calls", """
                select s.external_id, c.forecast_arr, c.forecast_note, c.forecast_by, c.forecast_at, c.outcome,
                       c.outcome_arr, c.outcome_note, c.outcome_by, c.outcome_at from renewal_call c
                join subscription s on s.id = c.subscription_id
                where c.forecast_arr is not null or c.outcome is not null order by 1""");
        BOOK.put("product requests", """
                select r.title, r.description, r.status, m.title, r.created_at, r.created_by, r.updated_at, r.updated_by
                from product_request r left join product_request m on m.id = r.merged_into order by 1""");
        // The drafts people saved; the plays an import starts may open drafts of their own, as they would have.
        BOOK.put("review drafts", """
                select a.external_id, d.kind, d.quarter, d.summary, d.customer_asks, d.our_asks, d.next_goals,
                       d.updated_at, d.updated_by, f.position, f.label, f.unit, f.stated, p.position, p.label, p.amount
                from review_draft d join account a on a.id = d.account_id
                left join review_figure f on f.draft_id = d.id left join review_figure_part p on p.figure_id = f.id
                where d.created_by <> 'signals' order by 1, 2, 3, 10, 14""");
        BOOK.put("outreach history", """
                select a.external_id, m.template, m.channel, s.email, m.recipient, m.subject, m.body, m.status, m.reason,
                       m.actor, m.created_at from outreach_message m join account a on a.id = m.account_id
                left join stakeholder s on s.id = m.contact_id order by 1, 11""");
        BOOK.put("saved views", """
                select u.email, v.page, v.name, v.query from saved_view v join app_user u on u.id = v.user_id
                order by 1, 2, 3""");
        BOOK.put("notification settings", """
                select u.email, n.daily_digest, n.digest_hour, n.slack_alerts from notification_setting n
                join app_user u on u.id = n.user_id order by 1""");
        BOOK.put("health scores", """
                select a.external_id, h.score, h.band, h.scorecard from account_health h
                join account a on a.id = h.account_id order by 1""");
    }

    /** A-1's time-to-value in an instance, its account id aside. */
    private static TimeToValue.Row timeToValue(Place place) {
        try (ConfigurableApplicationContext context = Instance.tool(place.databaseOptions())) {
            long a1 = context.getBean(Accounts.class).findByExternalId("A-1").orElseThrow().id();
            TimeToValue.Row row = context.getBean(TimeToValues.class).forAccount(a1).timeToValue();
            return new TimeToValue.Row(0, row.name(), row.segment(), row.owner(), row.ownerName(), row.kickoff(),
                    row.cohort(), row.reachedOn(), row.reached(), row.days());
        }
    }

    static List<List<String>> rows(String url, String query) {
        List<List<String>> rows = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection(url); Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery(query)) {
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<String> row = new ArrayList<>();
                for (int i = 1; i <= columns; i++) {
                    row.add(comparable(rs.getObject(i)));
                }
                rows.add(row);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(query + ": " + e.getMessage(), e);
        }
        return rows;
    }

    /** A value as both databases give it: moments as instants, amounts without trailing zeros. */
    private static String comparable(Object value) {
        return switch (value) {
            case null -> null;
            case java.sql.Timestamp t -> t.toInstant().toString();
            case OffsetDateTime t -> t.toInstant().toString();
            case BigDecimal d -> d.stripTrailingZeros().toPlainString();
            case java.sql.Date d -> d.toLocalDate().toString();
            default -> value.toString();
        };
    }

    private static void write(String name, String content) throws IOException {
        Files.writeString(folder.resolve(name), content, StandardCharsets.UTF_8);
    }

    private static void imports(String kind, String file) {
        CommandLineTest.Run run = source.run("import", kind, folder.resolve(file).toString());
        assertThat(run.status()).as(run.out()).isZero();
    }

    /**
     * Two plans of A-1 with the same title and start: milestones ours and the customer's (named and not), one done
     * with evidence, the first value reached, an outcome without milestones.
     */
    private static void buildTwoPlans() {
        try (ConfigurableApplicationContext context = Instance.tool(source.databaseOptions())) {
            long a1 = context.getBean(Accounts.class).findByExternalId("A-1").orElseThrow().id();
            Users users = context.getBean(Users.class);
            long ana = users.findByEmail("ana@book.test").orElseThrow().id();
            long bo = users.findByEmail("bo@book.test").orElseThrow().id();
            long cara = context.getBean(Stakeholders.class).list(a1).stream()
                    .filter(s -> s.email().equals("cara@acme.example")).findFirst().orElseThrow().id();
            SuccessPlans plans = context.getBean(SuccessPlans.class);
            LocalDate start = LocalDate.parse("2026-11-01");
            String title = "Onboarding ✓, \"phase\" one";
            SuccessPlan first = Actors.runAs(Actor.user("ana@book.test"), () -> plans.create(a1, new PlanDraft(null, title,
                    start, List.of(new PlanDraft.OutcomeDraft("Go live", List.of(
                            milestone("Kickoff held, \"all\" there", OwnerSide.US, ana, null, "2026-11-05",
                                    MilestoneStatus.NOT_STARTED, false),
                            milestone("SSO configured", OwnerSide.CUSTOMER, null, cara, "2026-11-20",
                                    MilestoneStatus.IN_PROGRESS, false),
                            milestone("Admins trained", OwnerSide.CUSTOMER, null, null, "2026-12-01",
                                    MilestoneStatus.NOT_STARTED, false))),
                            new PlanDraft.OutcomeDraft("Reporting adopted", List.of(milestone("First weekly report sent",
                                    OwnerSide.US, ana, null, "2026-11-25", MilestoneStatus.IN_PROGRESS, true)))))));
            Actors.runAs(Actor.user("ana@book.test"), () -> {
                plans.completeAsOf(idOf(first, "Kickoff held, \"all\" there"), Instant.parse("2026-11-05T10:00:00Z"),
                        "Minutes, shared ✓");
                plans.completeAsOf(idOf(first, "First weekly report sent"), Instant.parse("2026-11-24T09:30:00Z"), null);
                plans.create(a1, new PlanDraft(null, title, start, List.of(
                        new PlanDraft.OutcomeDraft("Expand to the EU", List.of()),
                        new PlanDraft.OutcomeDraft("Security review passed", List.of(milestone("Questionnaire answered",
                                OwnerSide.US, bo, null, "2026-12-10", MilestoneStatus.BLOCKED, false))))));
            });
        }
    }

    /**
     * What the team decided and did: tasks open, snoozed, done with its time and cancelled in a queue; a renewal
     * forecast and a churn recorded; feature requests moved, described and merged; a QBR draft with a stated figure;
     * outreach sent and blocked; a saved view and notification settings with a webhook of one's own.
     */
    private static void buildTheTeamsRecord() {
        try (ConfigurableApplicationContext context = Instance.tool(source.databaseOptions())) {
            Accounts accounts = context.getBean(Accounts.class);
            long a1 = accounts.findByExternalId("A-1").orElseThrow().id();
            long parent = accounts.findByExternalId("PARENT-1").orElseThrow().id();
            long ana = context.getBean(Users.class).findByEmail("ana@book.test").orElseThrow().id();
            Tasks tasks = context.getBean(Tasks.class);
            Actors.runAs(Actor.user("ana@book.test"), () -> {
                Task open = tasks.create(new TaskDraft(a1, "Call Cara, \"again\" ✓", "About the renewal\nand SSO",
                        SignalCategory.RENEWAL, null, null, Priority.HIGH, LocalDate.parse("2026-12-20"), null));
                tasks.snooze(open.id(), LocalDate.parse("2026-12-18"));
                Task done = tasks.create(new TaskDraft(a1, "Send the QBR deck", null, SignalCategory.QBR, "ana@book.test",
                        null, null, LocalDate.parse("2026-12-01"), null));
                tasks.complete(done.id(), 45);
                Task queued = tasks.create(new TaskDraft(parent, "Quote the EU seats", null, SignalCategory.EXPANSION, null,
                        Team.SALES, Priority.LOW, LocalDate.parse("2026-12-15"), null));
                tasks.cancel(queued.id());
                Renewals renewals = context.getBean(Renewals.class);
                Subscriptions subscriptions = context.getBean(Subscriptions.class);
                renewals.recordForecast(subscriptions.findByExternalId("S-1").orElseThrow().id(),
                        new BigDecimal("19500.25"), "Seats up, \"maybe\"", Instant.parse("2026-11-02T09:00:00Z"));
                renewals.recordOutcome(subscriptions.findByExternalId("S-2").orElseThrow().id(), RenewalOutcome.CHURNED,
                        null, "Budget cut");
                FeatureRequests requests = context.getBean(FeatureRequests.class);
                long darkMode = requestId(requests, "Dark mode");
                requests.update(darkMode, new FeatureRequests.RequestChange(null, "Night-time theme, \"all\" pages",
                        RequestStatus.PLANNED));
                requests.record(parent, new AskDraft(null, "Night theme", null, "Eyes hurt", LocalDate.parse("2026-11-05"),
                        null, null, null));
                requests.merge(requestId(requests, "Night theme"), darkMode);
                requests.update(requestId(requests, "SSO für alle"), new FeatureRequests.RequestChange(null, null,
                        RequestStatus.DECLINED));
                context.getBean(ReviewDrafts.class).save(a1, ReviewKind.QBR, Quarter.parse("quarter", "2026Q4"),
                        new DraftEdit("Adoption grew, \"a lot\" ✓", "SSO for the EU", "A case study", "Roll out to support",
                                List.of(new StatedFigure("Hours saved", "hours", new BigDecimal("120.5"), List.of(
                                        new StatedFigure.Part("Reports", new BigDecimal("80.5")),
                                        new StatedFigure.Part("Exports", new BigDecimal("40")))))));
                Outreach outreach = context.getBean(Outreach.class);
                long cara = context.getBean(Stakeholders.class).list(a1).stream()
                        .filter(s -> s.email().equals("cara@acme.example")).findFirst().orElseThrow().id();
                outreach.restoreOnce(new OutreachMessage(0, a1, cara, "renewal-reminder", Channel.EMAIL,
                        "cara@acme.example", "Your renewal, \"soon\"", "Hi Cara,\nyour renewal ✓", OutreachMessage.Status.SENT,
                        null, "ana@book.test", Instant.parse("2026-11-03T10:00:00Z")), 1);
                outreach.restoreOnce(new OutreachMessage(0, parent, null, "health-drop", Channel.SLACK, null, null,
                        "Globex dropped", OutreachMessage.Status.BLOCKED, "No Slack webhook is set", "automation: signals",
                        Instant.parse("2026-11-04T10:00:00Z")), 1);
                context.getBean(SavedViews.class).save(ana, "accounts", "My reds, \"urgent\"", "health=red&sort=-arr");
                context.getBean(Notifications.class).update(ana, false, 9, true, "https://hooks.slack.com/services/T/B/secret");
            });
        }
    }

    private static long requestId(FeatureRequests requests, String title) {
        return requests.open().stream().filter(r -> r.title().equals(title)).findFirst().orElseThrow().id();
    }

    private static MilestoneDraft milestone(String title, OwnerSide side, Long user, Long contact, String due,
            MilestoneStatus status, boolean value) {
        return new MilestoneDraft(null, title, side, user, contact, LocalDate.parse(due), status, value, null);
    }

    private static long idOf(SuccessPlan plan, String milestone) {
        return plan.milestones().stream().filter(m -> m.title().equals(milestone)).findFirst().orElseThrow().id();
    }

    /** A book with every kind of record. */
    private static void buildTheSourceBook() throws Exception {
        assertThat(source.run("users", "add", "--email", "ana@book.test", "--name", "Ána Öst", "--role", "csm")
                .status()).isZero();
        assertThat(source.run("users", "add", "--email", "bo@book.test", "--name", "Bo \"Jr\", Second", "--role",
                "cs-leader").status()).isZero();
        assertThat(source.run("users", "add", "--email", "cy@book.test", "--name", "Cy Reader", "--role", "csm")
                .status()).isZero();
        write("accounts.csv", """
                external_id,name,billing_id,product_group_id,domain,industry,country,owner_email,parent_external_id,lifecycle_stage,coverage_model,renewal_date,arr,seats
                A-1,Zürich Ünïcode 東京,cus_A1,acme-ws,acme.example,,,ana@book.test,PARENT-1,adoption,,,,
                CHILD-2,"Semi;colon ""and"" quotes, commas",,,,,,cy@book.test,PARENT-1,,,,,
                GONE-1,Gone Away Inc,,,,,,bo@book.test,,churned,tech-touch,,,
                PARENT-1,"Globex, ""Holdings"" Ltd",cus_P1,,globex.example,Manufacturing,Deutschland,ana@book.test,,mature,high-touch,2027-01-01,24000.00,40
                """);
        imports("accounts", "accounts.csv");
        write("stakeholders.csv", """
                account_external_id,email,name,role,title,status,left_on
                A-1,cara@acme.example,"Cara ""CJ"" Jones",champion,"VP, Operations",,
                A-1,dan@acme.example,Dan Ødegård,economic-sponsor,,left,2026-10-01
                PARENT-1,eve@globex.example,Eve,user,,,
                """);
        imports("stakeholders", "stakeholders.csv");
        write("first-contracts.csv", """
                subscription_id,account_external_id,plan,module,seats,arr,start_date,end_date,auto_renew
                S-3,PARENT-1,enterprise,core,40,20000,2025-07-01,,
                """);
        imports("subscriptions", "first-contracts.csv");
        write("subscriptions.csv", """
                subscription_id,account_external_id,plan,module,seats,arr,start_date,end_date,auto_renew
                S-1,A-1,growth,core,10,12000.00,2025-01-01,2026-01-01,true
                S-1,A-1,growth,core,15,18000.00,2026-01-01,2027-01-01,true
                S-1,A-1,growth,analytics,5,2400.50,2026-06-01,2027-01-01,true
                S-2,GONE-1,starter,,3,3000,2025-03-01,2026-03-01,false
                S-3,PARENT-1,enterprise,core,40,24000,2025-07-01,,
                """);
        imports("subscriptions", "subscriptions.csv");
        write("tickets.csv", """
                ticket_id,account_external_id,created_at,subject,status,priority,escalated,solved_at,satisfaction
                T-1,A-1,2026-11-01T08:15:00Z,"Export fails: ""timeout"", again",solved,urgent,true,2026-11-02T09:00:00Z,bad
                T-2,A-1,2026-11-20 14:00:00,,open,,,,
                T-3,PARENT-1,2026-10-05,Ünïcode ✓,pending,high,false,,
                """);
        imports("tickets", "tickets.csv");
        write("surveys.csv", """
                response_id,account_external_id,kind,score,responded_at,comment,respondent_email
                R-1,A-1,nps,3,2026-11-10T10:00:00Z,"Slow, and ""buggy""\",cara@acme.example
                R-2,A-1,csat,5,2026-11-11T10:00:00+02:00,,
                R-3,PARENT-1,nps,10,2026-09-01T10:00:00Z,Très bien 👍,
                """);
        imports("surveys", "surveys.csv");
        write("invoices.csv", """
                invoice_id,account_external_id,currency,amount_due,issued_on,number,amount_paid,due_on,paid_on,status
                in_1,A-1,USD,1500.00,2026-09-01,INV-1,1500.00,2026-09-30,2026-09-15,paid
                in_2,A-1,USD,2000.50,2026-10-01,INV-2,500,2026-10-31,,open
                in_3,PARENT-1,EUR,100,2026-11-01,,,,,draft
                """);
        imports("invoices", "invoices.csv");
        write("asks.csv", """
                account_external_id,title,contact_email,words,asked_on
                A-1,Dark mode,cara@acme.example,"Our admins work at night, ""really""\",2026-11-03
                PARENT-1,Dark mode,,,2026-11-04
                A-1,SSO für alle,,,2026-10-01
                """);
        imports("feature-requests", "asks.csv");
        assertThat(source.run("users", "disable", "bo@book.test").status()).isZero();
        // Made read-only since: keeps the account, which the import gives back to them all the same.
        assertThat(source.run("users", "set-role", "cy@book.test", "read-only").status()).isZero();

        try (ConfigurableApplicationContext context = Instance.tool(source.databaseOptions())) {
            Accounts accounts = context.getBean(Accounts.class);
            long a1 = accounts.findByExternalId("A-1").orElseThrow().id();
            long parent = accounts.findByExternalId("PARENT-1").orElseThrow().id();
            context.getBean(UsageImports.class).replace("ravenstack", List.of(
                    new UsageImports.DailyCount(a1, LocalDate.parse("2026-11-15"), "reports", 7),
                    new UsageImports.DailyCount(parent, LocalDate.parse("2026-11-16"), "exports", 3)));
            long key = Actors.runAs(Actor.commandLine(), () -> context.getBean(WriteKeys.class).create("web app").key().id());
            TrackingPayloads payloads = new TrackingPayloads(context.getBean(JsonMapper.class));
            EventLog log = context.getBean(EventLog.class);
            Instant first = Instant.parse("2026-11-22T09:00:00Z");
            log.append(key, payloads.read("import", """
                    {"batch": [
                      {"type": "identify", "userId": "u-1", "messageId": "m-0", "traits": {"name": "Ünï"},
                       "context": {"groupId": "acme-ws"}, "timestamp": "2026-11-20T09:00:00Z"},
                      {"type": "track", "userId": "u-1", "event": "Report Viewed", "messageId": "m-1",
                       "properties": {"module": "analytics"}, "timestamp": "2026-11-20T10:00:00Z"},
                      {"type": "track", "userId": "u-1", "event": "Report Viewed", "messageId": "m-2",
                       "originalTimestamp": "2026-11-21T10:00:00Z"},
                      {"type": "page", "anonymousId": "anon-9", "name": "Pricing, \\"plans\\"", "messageId": "m-3",
                       "context": {"groupId": "CHILD-2"}, "timestamp": "2026-11-21T11:00:00Z"},
                      {"type": "track", "userId": "u-2", "event": "Export", "timestamp": "2026-11-19T08:00:00Z"}
                    ], "context": {"library": {"name": "analytics-java"}}}""".getBytes(StandardCharsets.UTF_8), first)
                    .messages(), first);
            Instant second = first.plusSeconds(60);
            log.append(key, payloads.read("import", """
                    {"batch": [
                      {"type": "group", "userId": "u-3", "groupId": "acme-ws", "messageId": "m-4"},
                      {"type": "track", "userId": "u-3", "event": "Bericht geöffnet ✓", "messageId": "m-5"}
                    ]}""".getBytes(StandardCharsets.UTF_8), second).messages(), second);
            context.getBean(UsageRollups.class).drain();
            Timeline timeline = context.getBean(Timeline.class);
            Actors.runAs(Actor.user("ana@book.test"), () -> timeline.log(a1, new ActivityDraft(TimelineKind.MEETING,
                    MeetingType.QBR, Instant.parse("2026-11-25T15:00:00Z"), "QBR, \"annual\" ✓",
                    "Agenda:\n- adoption, renewal\n- Ünïcode", 45, TimeCategory.BUSINESS_REVIEWS)));
            // The same note logged twice: both are kept, as they were.
            for (int i = 0; i < 2; i++) {
                Actors.runAs(Actor.user("ana@book.test"), () -> timeline.log(parent, new ActivityDraft(TimelineKind.NOTE,
                        null, Instant.parse("2026-11-26T08:00:00Z"), "Champion moved teams", null)));
            }
        }
        buildTwoPlans();
        buildTheTeamsRecord();
        CommandLineTest.Run scored = source.run("health", "recompute");
        assertThat(scored.status()).as(scored.out()).isZero();
    }
}
