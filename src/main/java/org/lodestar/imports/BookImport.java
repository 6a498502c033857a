package org.lodestar.imports;

import static org.lodestar.imports.BookRows.ALREADY_THERE;
import static org.lodestar.imports.BookRows.KEPT;
import static org.lodestar.imports.BookRows.withTable;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

import org.lodestar.accounts.Accounts;
import org.lodestar.accounts.ActivityDraft;
import org.lodestar.accounts.MeetingType;
import org.lodestar.accounts.Stakeholder;
import org.lodestar.accounts.Stakeholders;
import org.lodestar.accounts.TimeCategory;
import org.lodestar.accounts.Timeline;
import org.lodestar.accounts.TimelineKind;
import org.lodestar.audit.Actor;
import org.lodestar.audit.Actors;
import org.lodestar.errors.InvalidInput;
import org.lodestar.health.HealthScores;
import org.lodestar.imports.BookRows.Read;
import org.lodestar.people.Role;
import org.lodestar.people.User;
import org.lodestar.people.Users;
import org.lodestar.plans.MilestoneStatus;
import org.lodestar.plans.OwnerSide;
import org.lodestar.plans.RestoredPlan;
import org.lodestar.plans.SuccessPlans;
import org.lodestar.signals.DataLoads;
import org.lodestar.signals.Signals;
import org.lodestar.usage.UsageHistory;
import org.lodestar.usage.UsageImports;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Imports a folder written by {@link BookExport}: its files in dependency order ({@link BookFiles}), each all or
 * nothing as a single import is, inside a load in settling mode, so signals are evaluated once, when the book is in;
 * the rollups and every health score are worked out again at the end. The first file with a bad row stops the import
 * there, naming its file, line and column; the files before it stay imported (importing the folder again after the fix
 * changes nothing in them).
 */
@Service
public class BookImport {

    private static final Actor SIGNALS = Actor.automation("signals");

    /** One file's outcome: its rows and what became of them, or the problems that stopped it. */
    public record FileOutcome(String file, String summary, List<String> problems) {

        public boolean ok() {
            return problems.isEmpty();
        }
    }

    /** What the import did, file by file; complete when every file went in. */
    public record Outcome(List<FileOutcome> files, boolean complete, int scored, int signalsFired) {
    }

    private final CsvImports imports;
    private final Users users;
    private final Accounts accounts;
    private final Timeline timeline;
    private final Stakeholders stakeholders;
    private final SuccessPlans plans;
    private final UsageImports usageImports;
    private final UsageHistory usage;
    private final HealthScores health;
    private final DataLoads loads;
    private final Signals signals;
    private final TransactionTemplate transactions;
    private final BookHistory history;
    private final BookRows records;

    BookImport(CsvImports imports, Users users, Accounts accounts, Timeline timeline, Stakeholders stakeholders,
            SuccessPlans plans, UsageImports usageImports, UsageHistory usage, HealthScores health, DataLoads loads,
            Signals signals, TransactionTemplate transactions, BookHistory history, BookRows records) {
        this.history = history;
        this.records = records;
        this.stakeholders = stakeholders;
        this.plans = plans;
        this.signals = signals;
        this.imports = imports;
        this.users = users;
        this.accounts = accounts;
        this.timeline = timeline;
        this.usageImports = usageImports;
        this.usage = usage;
        this.health = health;
        this.loads = loads;
        this.transactions = transactions;
    }

    /**
     * Checks that {@code folder} is an export (a folder with {@code manifest.json}); a message saying what is wrong,
     * or null.
     */
    public static String problemWith(Path folder) {
        if (!Files.exists(folder)) {
            return "No such folder: " + folder;
        }
        if (!Files.isDirectory(folder)) {
            return "import book expects the folder ./lodestar export wrote, got the file " + folder;
        }
        if (!Files.isRegularFile(folder.resolve(BookFiles.MANIFEST))) {
            return folder + " is not a Lodestar export: it has no " + BookFiles.MANIFEST
                    + " (expected a folder written by ./lodestar export)";
        }
        return null;
    }

    public Outcome run(Path folder, Actor by, Consumer<String> progress) throws IOException {
        String problem = problemWith(folder);
        if (problem != null) {
            throw new InvalidInput("DIR", problem);
        }
        long loadId = Actors.runAs(by, () -> loads.begin("import book " + folder.getFileName(), Duration.ofHours(24))).id();
        List<FileOutcome> outcomes = new ArrayList<>();
        // Who is disabled or read-only takes effect at the end, once what they own was restored to them.
        List<String> disabled = new ArrayList<>();
        List<String> readOnly = new ArrayList<>();
        boolean complete = true;
        int scored = 0;
        int fired = 0;
        try {
            for (BookFiles file : BookFiles.values()) {
                Path path = folder.resolve(file.file());
                if (!Files.isRegularFile(path)) {
                    progress.accept("No " + file.file() + ": skipped");
                    continue;
                }
                progress.accept("Importing " + file.file() + " ...");
                // The calls are read from the file a line at a time; every other file is read whole, all or nothing.
                byte[] content = file == BookFiles.USAGE_EVENTS ? null : Files.readAllBytes(path);
                FileOutcome outcome = switch (file) {
                    case USERS -> importUsers(content, file, disabled, readOnly, by);
                    case ACTIVITIES -> importActivities(content, file, by);
                    case PLANS -> withTable(file, content, table -> importPlans(table, file, by));
                    case USAGE_COUNTS -> withTable(file, content, table -> importCounts(table, file, by));
                    case USAGE_EVENTS -> importEvents(path, file, by, progress);
                    case SAVED_VIEWS, NOTIFICATION_SETTINGS, RENEWAL_CALLS, REQUESTS, TASKS, REVIEWS, OUTREACH ->
                        history.read(file, content, by);
                    default -> {
                        ImportReport report = imports.run(file.kind(), content, file.file(), false, by);
                        yield new FileOutcome(file.file(), report.summary(), report.rejected().stream()
                                .map(p -> file.file() + " " + p).toList());
                    }
                };
                outcomes.add(outcome);
                progress.accept("  " + outcome.summary());
                outcome.problems().forEach(p -> progress.accept("  " + p));
                if (!outcome.ok()) {
                    complete = false;
                    break;
                }
            }
            // Even when a later file stopped the import: nobody keeps more access than the export gave them.
            Actors.runAs(by, () -> {
                readOnly.forEach(email -> users.findByEmail(email).ifPresent(user -> users.changeRole(user.id(),
                        Role.READ_ONLY)));
                disabled.forEach(email -> users.findByEmail(email).filter(User::enabled)
                        .ifPresent(user -> users.setEnabled(user.id(), false)));
            });
            if (complete) {
                progress.accept("Scoring every account ...");
                scored = health.recomputeAll(done -> { }).accounts();
                progress.accept("Evaluating signals once for the whole book ...");
                fired = Actors.runAs(SIGNALS, () -> signals.evaluate(null)).fired().size();
            }
        } finally {
            // A server on the same database held its signals back meanwhile; they are evaluated now.
            Actors.runAs(by, () -> loads.complete(loadId));
        }
        return new Outcome(outcomes, complete, scored, fired);
    }

    /** A file with bad rows: nothing of it imported, every problem named with the file, line and column. */
    static FileOutcome badRows(BookFiles file, List<RowProblem> problems) {
        return new FileOutcome(file.file(), "Nothing imported from " + file.file() + ": " + problems.size() + " bad row(s)",
                problems.stream().map(p -> file.file() + " " + p).toList());
    }

    /** A file that could not be read as its CSV table (header, encoding): nothing of it imported. */
    static FileOutcome unreadable(BookFiles file, CsvTable.FileProblem e) {
        return new FileOutcome(file.file(), "Nothing imported from " + file.file(), List.of(file.file() + " " + e.problem));
    }

    /**
     * Users by email: a new email is added (with a password nobody knows: they reset it or sign on); a known one kept.
     * A new read-only user is added as a CSM and made read-only at the end, as a disabled one is disabled at the end:
     * accounts are given only to people who can work them, and an export may hold accounts of someone made read-only
     * or disabled since.
     */
    private FileOutcome importUsers(byte[] content, BookFiles file, List<String> disabled, List<String> readOnly, Actor by) {
        List<String> toDisable = new ArrayList<>();
        List<String> toMakeReadOnly = new ArrayList<>();
        FileOutcome outcome = records.importRows(file, content, by, BookImport::user, u -> List.of(u.email()), (u, n) -> {
            boolean created = false;
            if (users.findByEmail(u.email()).isEmpty()) {
                boolean reader = u.role() == Role.READ_ONLY;
                users.create(u.email(), u.name(), reader ? Role.CSM : u.role(), Users.generatePassword());
                if (reader) {
                    toMakeReadOnly.add(u.email());
                }
                created = true;
            }
            if (!u.enabled()) {
                toDisable.add(u.email());
            }
            return created;
        }, KEPT);
        if (outcome.ok()) {
            disabled.addAll(toDisable);
            readOnly.addAll(toMakeReadOnly);
        }
        return outcome;
    }

    private record UserRow(String email, String name, Role role, boolean enabled) {
    }

    private static UserRow user(CsvTable.Cells cells) {
        String roleText = cells.required("role");
        Role role = Role.parse(roleText);
        if (roleText != null && role == null) {
            cells.refuse("role", "expected one of " + Role.labels() + ", got '" + roleText + "'");
        }
        UserRow user = new UserRow(cells.required("email"), cells.required("name"), role,
                !Boolean.FALSE.equals(cells.bool("enabled")));
        if (user.email() != null && !user.email().matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
            cells.refuse("email", "expected an email address such as ana@example.com, got '" + user.email() + "'");
        }
        return user;
    }

    /** Notes and activities, under the authors who logged them; one already on the timeline is left as it is. */
    private FileOutcome importActivities(byte[] content, BookFiles file, Actor by) {
        AccountIds ids = new AccountIds(accounts);
        return records.importRows(file, content, by, cells -> activity(cells, ids),
                a -> List.of(a.accountId(), a.draft().kind(), a.draft().occurredAt(), a.draft().subject().trim()),
                (a, n) -> {
                    try {
                        return timeline.logOnce(a.accountId(), a.draft(), a.author(), n);
                    } catch (InvalidInput e) {
                        throw new InvalidInput(e.problems().stream().map(p -> new InvalidInput.Problem(
                                COLUMNS.getOrDefault(p.field(), p.field()), p.reason())).toList());
                    }
                }, ALREADY_THERE);
    }

    private record Activity(long accountId, ActivityDraft draft, String author) {
    }

    private Activity activity(CsvTable.Cells cells, AccountIds ids) {
        Long accountId = ids.of(cells);
        ActivityDraft draft = new ActivityDraft(cells.required("kind", cells.label("kind", TimelineKind.class)),
                cells.label("meeting_type", MeetingType.class),
                cells.required("occurred_at", cells.timestamp("occurred_at")), cells.required("subject"),
                cells.text("body"), cells.wholeNumber("duration_minutes"), cells.label("category", TimeCategory.class));
        String author = cells.limited("author", cells.text("author"), 400);
        return accountId == null ? null : new Activity(accountId, draft, author);
    }

    /** The activity fields the timeline names in its problems, as the file's columns. */
    private static final Map<String, String> COLUMNS = Map.of("kind", "kind", "meetingType", "meeting_type", "subject",
            "subject", "body", "body", "durationMinutes", "duration_minutes", "occurredAt", "occurred_at");

    /**
     * Success plans, the rows of one plan (account and plan key) together; a plan the account already has (same title
     * and start, as many times) is left as it is.
     */
    private FileOutcome importPlans(CsvTable table, BookFiles file, Actor by) {
        List<RowProblem> problems = new ArrayList<>();
        AccountIds ids = new AccountIds(accounts);
        Map<String, Long> userIds = new HashMap<>();
        users.list().forEach(u -> userIds.put(u.email().toLowerCase(Locale.ROOT), u.id()));
        Map<Long, Map<String, Long>> contacts = new HashMap<>();
        Map<List<Object>, PlanRows> read = new LinkedHashMap<>();
        for (CsvTable.Row row : table.rows) {
            CsvTable.Cells cells = new CsvTable.Cells(row);
            String externalId = cells.text("account_external_id");
            Long accountId = ids.of(cells);
            Integer planKey = positive(cells, "plan_key");
            String title = cells.limited("plan_title", cells.required("plan_title"), 200);
            LocalDate startsOn = cells.required("plan_starts_on", cells.date("plan_starts_on"));
            String template = cells.limited("plan_template", cells.text("plan_template"), 60);
            Instant createdAt = cells.timestamp("plan_created_at");
            String createdBy = cells.limited("plan_created_by", cells.text("plan_created_by"), 400);
            Integer outcomePosition = positive(cells, "outcome_position");
            String outcomeTitle = cells.limited("outcome_title", cells.required("outcome_title"), 300);
            String milestoneTitle = cells.limited("milestone_title", cells.text("milestone_title"), 300);
            RestoredPlan.RestoredMilestone milestone = milestoneTitle == null ? noMilestone(cells)
                    : milestone(cells, milestoneTitle, accountId, externalId, userIds, contacts);
            if (cells.problems().isEmpty()) {
                PlanRows plan = read.computeIfAbsent(List.of(accountId, planKey), k -> new PlanRows(row.line(), accountId,
                        new RestoredPlan(title, template, startsOn, createdAt, createdBy, List.of()), new LinkedHashMap<>()));
                RestoredPlan first = plan.plan();
                if (!title.equals(first.title()) || !startsOn.equals(first.startsOn())
                        || !Objects.equals(template, first.template())) {
                    cells.refuse("plan_title", "plan " + planKey + " of " + externalId + " is '" + first.title() + "' from "
                            + first.startsOn() + " on line " + plan.line() + "; its rows must agree on the plan's title, "
                            + "start and template");
                }
                OutcomeRows outcome = plan.outcomes().computeIfAbsent(outcomePosition,
                        p -> new OutcomeRows(outcomeTitle, new ArrayList<>()));
                if (!outcomeTitle.equals(outcome.title())) {
                    cells.refuse("outcome_title", "outcome " + outcomePosition + " of this plan is '" + outcome.title()
                            + "' on an earlier line");
                } else if (milestone != null) {
                    int position = milestone.position();
                    if (outcome.milestones().stream().anyMatch(m -> m.position() == position)) {
                        cells.refuse("milestone_position", "outcome " + outcomePosition + " already has a milestone at "
                                + "position " + position);
                    } else if (milestone.value() && plan.outcomes().values().stream().flatMap(o -> o.milestones().stream())
                            .anyMatch(RestoredPlan.RestoredMilestone::value)) {
                        cells.refuse("is_value", "this plan already has its first-value milestone; a plan has one");
                    } else {
                        outcome.milestones().add(milestone);
                    }
                }
            }
            problems.addAll(cells.problems());
        }
        if (!problems.isEmpty()) {
            return badRows(file, problems);
        }
        List<Read<PlanRows>> plansRead = read.values().stream().map(p -> new Read<>(p.line(), p)).toList();
        return records.write(file, by, plansRead, p -> List.of(p.accountId(), p.plan().title(), p.plan().startsOn()),
                (p, n) -> plans.restoreOnce(p.accountId(), p.restored(), n),
                table.rows.size() + " row(s), " + read.size() + " plan(s)", ALREADY_THERE);
    }

    /**
     * The milestone of a row with a {@code milestone_title}: owner by email (a user, or a contact of the account),
     * due day, status and completion.
     */
    private RestoredPlan.RestoredMilestone milestone(CsvTable.Cells cells, String title, Long accountId,
            String externalId, Map<String, Long> userIds, Map<Long, Map<String, Long>> contacts) {
        Integer position = positive(cells, "milestone_position");
        OwnerSide side = cells.label("owner_side", OwnerSide.class);
        String ownerEmail = cells.text("owner_email");
        String contactEmail = cells.text("owner_contact_email");
        Long userId = null;
        Long contactId = null;
        if (ownerEmail != null && contactEmail != null) {
            cells.refuse("owner_contact_email", "a milestone has one owner: a user (owner_email) or a contact "
                    + "of the account (owner_contact_email), not both");
        } else if (ownerEmail != null) {
            userId = userIds.get(ownerEmail.toLowerCase(Locale.ROOT));
            if (userId == null) {
                cells.refuse("owner_email", "no user with email " + ownerEmail);
            } else if (side == OwnerSide.CUSTOMER) {
                cells.refuse("owner_side", "a user is on our side (us); the customer's owner is a contact");
            }
        } else if (contactEmail != null && accountId != null) {
            contactId = contacts.computeIfAbsent(accountId, this::contactsOf).get(contactEmail.toLowerCase(Locale.ROOT));
            if (contactId == null) {
                cells.refuse("owner_contact_email", "no contact " + contactEmail + " on the account " + externalId);
            } else if (side == OwnerSide.US) {
                cells.refuse("owner_side", "a contact is on the customer's side (customer); our owner is a user");
            }
        }
        LocalDate dueOn = cells.required("due_on", cells.date("due_on"));
        MilestoneStatus status = cells.label("status", MilestoneStatus.class);
        Boolean value = cells.bool("is_value");
        String evidence = cells.limited("evidence", cells.text("evidence"), 2000);
        Instant completedAt = cells.timestamp("completed_at");
        String completedBy = cells.limited("completed_by", cells.text("completed_by"), 400);
        return new RestoredPlan.RestoredMilestone(position == null ? 0 : position, title,
                side != null ? side : contactId != null ? OwnerSide.CUSTOMER : OwnerSide.US, userId, contactId, dueOn,
                status == null ? MilestoneStatus.NOT_STARTED : status, Boolean.TRUE.equals(value), evidence, completedAt,
                completedBy);
    }

    /** A row for an outcome without milestones: every milestone column empty. */
    private static RestoredPlan.RestoredMilestone noMilestone(CsvTable.Cells cells) {
        for (String column : List.of("milestone_position", "owner_side", "owner_email", "owner_contact_email", "due_on",
                "status", "is_value", "evidence", "completed_at", "completed_by")) {
            if (cells.text(column) != null) {
                cells.refuse(column, "given for a milestone without a title (milestone_title is empty)");
            }
        }
        return null;
    }

    /** The rows of one plan read so far: the line it starts on, its fields, its outcomes by position. */
    private record PlanRows(long line, long accountId, RestoredPlan plan, Map<Integer, OutcomeRows> outcomes) {

        /** The plan with its outcomes and their milestones. */
        RestoredPlan restored() {
            List<RestoredPlan.RestoredOutcome> restored = outcomes.entrySet().stream()
                    .map(o -> new RestoredPlan.RestoredOutcome(o.getKey(), o.getValue().title(),
                            List.copyOf(o.getValue().milestones())))
                    .toList();
            return new RestoredPlan(plan.title(), plan.template(), plan.startsOn(), plan.createdAt(), plan.createdBy(),
                    restored);
        }
    }

    private record OutcomeRows(String title, List<RestoredPlan.RestoredMilestone> milestones) {
    }

    private Map<String, Long> contactsOf(long accountId) {
        Map<String, Long> byEmail = new HashMap<>();
        for (Stakeholder s : stakeholders.list(accountId)) {
            if (s.email() != null) {
                byEmail.put(s.email().toLowerCase(Locale.ROOT), s.id());
            }
        }
        return byEmail;
    }

    /** A whole number 1 or more, which must be given. */
    private static Integer positive(CsvTable.Cells cells, String column) {
        Integer number = cells.required(column, cells.wholeNumber(column));
        if (number != null && number < 1) {
            cells.refuse(column, "expected a whole number 1 or more, got " + number);
            return null;
        }
        return number;
    }

    /** Imported daily counts, each source's replaced as a whole, as a data set's import does. */
    private FileOutcome importCounts(CsvTable table, BookFiles file, Actor by) {
        List<RowProblem> problems = new ArrayList<>();
        Map<String, List<UsageImports.DailyCount>> bySource = new LinkedHashMap<>();
        AccountIds ids = new AccountIds(accounts);
        for (CsvTable.Row row : table.rows) {
            CsvTable.Cells cells = new CsvTable.Cells(row);
            String source = cells.required("source");
            Long accountId = ids.of(cells);
            var day = cells.required("day", cells.date("day"));
            String feature = cells.limited("feature", cells.required("feature"), 200);
            String events = cells.required("events");
            long count = 0;
            if (events != null) {
                try {
                    count = Long.parseLong(events);
                    if (count < 0) {
                        cells.refuse("events", "expected a whole number 0 or more, got " + events);
                    }
                } catch (NumberFormatException e) {
                    cells.refuse("events", "expected a whole number 0 or more, got '" + events + "'");
                }
            }
            problems.addAll(cells.problems());
            if (cells.problems().isEmpty()) {
                bySource.computeIfAbsent(source, s -> new ArrayList<>())
                        .add(new UsageImports.DailyCount(accountId, day, feature, count));
            }
        }
        if (!problems.isEmpty()) {
            return badRows(file, problems);
        }
        Actors.runAs(Actor.importOf(file.file(), by), () -> transactions.executeWithoutResult(
                status -> bySource.forEach(usageImports::replace)));
        return new FileOutcome(file.file(), "Imported " + file.file() + ": " + table.rows.size() + " daily count(s) from "
                + bySource.size() + " source(s)", List.of());
    }

    private FileOutcome importEvents(Path path, BookFiles file, Actor by, Consumer<String> progress) throws IOException {
        try {
            int[] told = { 0 };
            UsageHistory.Replayed replayed = Actors.runAs(Actor.importOf(file.file(), by), () -> {
                try {
                    return usage.readEvents(path, done -> {
                        if (done - told[0] >= 10_000) {
                            told[0] = done;
                            progress.accept("  " + done + " calls");
                        }
                    });
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            return new FileOutcome(file.file(), "Imported " + file.file() + ": " + replayed.received() + " call(s) in "
                    + replayed.lines() + " batch(es): " + replayed.stored() + " stored, " + replayed.duplicates()
                    + " already there, " + replayed.unattributed() + " waiting for their user's account", List.of());
        } catch (UncheckedIOException e) {
            throw e.getCause();
        } catch (InvalidInput e) {
            return new FileOutcome(file.file(), "Nothing imported from " + file.file(), e.problems().stream()
                    .map(p -> file.file() + " " + p.field() + ": " + p.reason()).toList());
        }
    }
}
