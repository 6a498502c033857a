package org.lodestar.imports;

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

import org.lodestar.accounts.Account;
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

    BookImport(CsvImports imports, Users users, Accounts accounts, Timeline timeline, Stakeholders stakeholders,
            SuccessPlans plans, UsageImports usageImports, UsageHistory usage, HealthScores health, DataLoads loads,
            Signals signals, TransactionTemplate transactions, BookHistory history) {
        this.history = history;
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
        List<String> disabled = new ArrayList<>();
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
                    case USERS -> importUsers(content, file, disabled, by);
                    case ACTIVITIES -> importActivities(content, file, by);
                    case PLANS -> importPlans(content, file, by);
                    case USAGE_COUNTS -> importCounts(content, file, by);
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
            if (complete) {
                Actors.runAs(by, () -> disabled.forEach(email -> users.findByEmail(email)
                        .filter(User::enabled).ifPresent(user -> users.setEnabled(user.id(), false))));
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

    /** Users by email: a new email is added (with a password nobody knows: they reset it or sign on); a known one kept. */
    private FileOutcome importUsers(byte[] content, BookFiles file, List<String> disabled, Actor by) {
        CsvTable table;
        try {
            table = CsvTable.read(content, file.required(), file.optional());
        } catch (CsvTable.FileProblem e) {
            return unreadable(file, e);
        }
        List<RowProblem> problems = new ArrayList<>();
        record Read(long line, String email, String name, Role role, boolean enabled) {
        }
        List<Read> read = new ArrayList<>();
        for (CsvTable.Row row : table.rows) {
            CsvTable.Cells cells = new CsvTable.Cells(row);
            String roleText = cells.required("role");
            Role role = Role.parse(roleText);
            if (roleText != null && role == null) {
                cells.refuse("role", "expected one of " + Role.labels() + ", got '" + roleText + "'");
            }
            Read user = new Read(row.line(), cells.required("email"), cells.required("name"), role,
                    !Boolean.FALSE.equals(cells.bool("enabled")));
            if (user.email() != null && !user.email().matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
                cells.refuse("email", "expected an email address such as ana@example.com, got '" + user.email() + "'");
            }
            problems.addAll(cells.problems());
            read.add(user);
        }
        if (!problems.isEmpty()) {
            return badRows(file, problems);
        }
        int[] created = { 0 };
        List<String> toDisable = new ArrayList<>();
        try {
            Actors.runAs(Actor.importOf(file.file(), by), () -> transactions.executeWithoutResult(status -> {
                for (Read user : read) {
                    try {
                        if (users.findByEmail(user.email()).isEmpty()) {
                            users.create(user.email(), user.name(), user.role(), Users.generatePassword());
                            created[0]++;
                        }
                    } catch (InvalidInput e) {
                        e.problems().forEach(p -> problems.add(new RowProblem(user.line(), p.field(), p.reason())));
                        throw e;
                    }
                    if (!user.enabled()) {
                        toDisable.add(user.email());
                    }
                }
            }));
        } catch (InvalidInput e) {
            return badRows(file, problems);
        }
        disabled.addAll(toDisable);
        return new FileOutcome(file.file(), "Imported " + file.file() + ": " + read.size() + " row(s): " + created[0]
                + " created, " + (read.size() - created[0]) + " already there (kept as they are)", List.of());
    }

    /** Notes and activities, under the authors who logged them; one already on the timeline is left as it is. */
    private FileOutcome importActivities(byte[] content, BookFiles file, Actor by) {
        CsvTable table;
        try {
            table = CsvTable.read(content, file.required(), file.optional());
        } catch (CsvTable.FileProblem e) {
            return unreadable(file, e);
        }
        List<RowProblem> problems = new ArrayList<>();
        record Read(long line, long accountId, ActivityDraft draft, String author, int occurrence) {
        }
        Map<List<Object>, Integer> seen = new HashMap<>();
        List<Read> read = new ArrayList<>();
        Map<String, Long> ids = new HashMap<>();
        for (CsvTable.Row row : table.rows) {
            CsvTable.Cells cells = new CsvTable.Cells(row);
            String externalId = cells.required("account_external_id");
            Long accountId = externalId == null ? null : ids.computeIfAbsent(externalId,
                    id -> accounts.findByExternalId(id).map(Account::id).orElse(null));
            if (externalId != null && accountId == null) {
                cells.refuse("account_external_id", "no account with external id " + externalId);
            }
            ActivityDraft draft = new ActivityDraft(cells.required("kind", cells.label("kind", TimelineKind.class)),
                    cells.label("meeting_type", MeetingType.class),
                    cells.required("occurred_at", cells.timestamp("occurred_at")), cells.required("subject"),
                    cells.text("body"), cells.wholeNumber("duration_minutes"), cells.label("category", TimeCategory.class));
            String author = cells.text("author");
            if (author != null && author.length() > 400) {
                cells.refuse("author", "must be at most 400 characters");
            }
            problems.addAll(cells.problems());
            if (cells.problems().isEmpty()) {
                int occurrence = seen.merge(List.of(accountId, draft.kind(), draft.occurredAt(), draft.subject().trim()), 1,
                        Integer::sum);
                read.add(new Read(row.line(), accountId, draft, author, occurrence));
            }
        }
        int[] created = { 0 };
        if (problems.isEmpty()) {
            try {
                Actors.runAs(Actor.importOf(file.file(), by), () -> transactions.executeWithoutResult(status -> {
                    for (Read activity : read) {
                        try {
                            if (timeline.logOnce(activity.accountId(), activity.draft(), activity.author(),
                                    activity.occurrence())) {
                                created[0]++;
                            }
                        } catch (InvalidInput e) {
                            e.problems().forEach(p -> problems.add(new RowProblem(activity.line(), COLUMNS.getOrDefault(
                                    p.field(), p.field()), p.reason())));
                            throw e;
                        }
                    }
                }));
            } catch (InvalidInput e) {
                // The problems are listed; the transaction rolled back.
            }
        }
        if (!problems.isEmpty()) {
            return badRows(file, problems);
        }
        return new FileOutcome(file.file(), "Imported " + file.file() + ": " + read.size() + " row(s): " + created[0]
                + " created, " + (read.size() - created[0]) + " already there", List.of());
    }

    /** The activity fields the timeline names in its problems, as the file's columns. */
    private static final Map<String, String> COLUMNS = Map.of("kind", "kind", "meetingType", "meeting_type", "subject",
            "subject", "body", "body", "durationMinutes", "duration_minutes", "occurredAt", "occurred_at");

    /**
     * Success plans, the rows of one plan (account and plan key) together; a plan the account already has (same title
     * and start, as many times) is left as it is.
     */
    private FileOutcome importPlans(byte[] content, BookFiles file, Actor by) {
        CsvTable table;
        try {
            table = CsvTable.read(content, file.required(), file.optional());
        } catch (CsvTable.FileProblem e) {
            return unreadable(file, e);
        }
        List<RowProblem> problems = new ArrayList<>();
        Map<String, Long> ids = new HashMap<>();
        Map<String, Long> userIds = new HashMap<>();
        users.list().forEach(u -> userIds.put(u.email().toLowerCase(Locale.ROOT), u.id()));
        Map<Long, Map<String, Long>> contacts = new HashMap<>();
        Map<List<Object>, PlanRows> read = new LinkedHashMap<>();
        for (CsvTable.Row row : table.rows) {
            CsvTable.Cells cells = new CsvTable.Cells(row);
            String externalId = cells.required("account_external_id");
            Long accountId = externalId == null ? null : ids.computeIfAbsent(externalId,
                    id -> accounts.findByExternalId(id).map(Account::id).orElse(null));
            if (externalId != null && accountId == null) {
                cells.refuse("account_external_id", "no account with external id " + externalId);
            }
            Integer planKey = positive(cells, "plan_key");
            String title = limited(cells, "plan_title", cells.required("plan_title"), 200);
            LocalDate startsOn = cells.required("plan_starts_on", cells.date("plan_starts_on"));
            String template = limited(cells, "plan_template", cells.text("plan_template"), 60);
            Instant createdAt = cells.timestamp("plan_created_at");
            String createdBy = limited(cells, "plan_created_by", cells.text("plan_created_by"), 400);
            Integer outcomePosition = positive(cells, "outcome_position");
            String outcomeTitle = limited(cells, "outcome_title", cells.required("outcome_title"), 300);
            String milestoneTitle = limited(cells, "milestone_title", cells.text("milestone_title"), 300);
            RestoredPlan.RestoredMilestone milestone = milestoneTitle == null ? noMilestone(cells)
                    : milestone(cells, milestoneTitle, accountId, externalId, userIds, contacts);
            if (cells.problems().isEmpty()) {
                PlanRows plan = read.computeIfAbsent(List.of(accountId, planKey), k -> new PlanRows(row.line(),
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
        int[] created = { 0 };
        Map<List<Object>, Integer> seen = new HashMap<>();
        Actors.runAs(Actor.importOf(file.file(), by), () -> transactions.executeWithoutResult(status -> {
            read.forEach((key, rows) -> {
                RestoredPlan draft = rows.plan();
                List<RestoredPlan.RestoredOutcome> outcomes = rows.outcomes().entrySet().stream()
                        .map(o -> new RestoredPlan.RestoredOutcome(o.getKey(), o.getValue().title(),
                                List.copyOf(o.getValue().milestones())))
                        .toList();
                RestoredPlan plan = new RestoredPlan(draft.title(), draft.template(), draft.startsOn(), draft.createdAt(),
                        draft.createdBy(), outcomes);
                int occurrence = seen.merge(List.of(key.getFirst(), plan.title(), plan.startsOn()), 1, Integer::sum);
                if (plans.restoreOnce((Long) key.getFirst(), plan, occurrence)) {
                    created[0]++;
                }
            });
        }));
        return new FileOutcome(file.file(), "Imported " + file.file() + ": " + table.rows.size() + " row(s), "
                + read.size() + " plan(s): " + created[0] + " created, " + (read.size() - created[0]) + " already there",
                List.of());
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
        String evidence = limited(cells, "evidence", cells.text("evidence"), 2000);
        Instant completedAt = cells.timestamp("completed_at");
        String completedBy = limited(cells, "completed_by", cells.text("completed_by"), 400);
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
    private record PlanRows(long line, RestoredPlan plan, Map<Integer, OutcomeRows> outcomes) {
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

    private static String limited(CsvTable.Cells cells, String column, String text, int most) {
        if (text != null && text.length() > most) {
            cells.refuse(column, "must be at most " + most + " characters");
        }
        return text;
    }

    /** Imported daily counts, each source's replaced as a whole, as a data set's import does. */
    private FileOutcome importCounts(byte[] content, BookFiles file, Actor by) {
        CsvTable table;
        try {
            table = CsvTable.read(content, file.required(), file.optional());
        } catch (CsvTable.FileProblem e) {
            return unreadable(file, e);
        }
        List<RowProblem> problems = new ArrayList<>();
        Map<String, List<UsageImports.DailyCount>> bySource = new LinkedHashMap<>();
        Map<String, Long> ids = new HashMap<>();
        for (CsvTable.Row row : table.rows) {
            CsvTable.Cells cells = new CsvTable.Cells(row);
            String source = cells.required("source");
            String externalId = cells.required("account_external_id");
            Long accountId = externalId == null ? null : ids.computeIfAbsent(externalId,
                    id -> accounts.findByExternalId(id).map(Account::id).orElse(null));
            if (externalId != null && accountId == null) {
                cells.refuse("account_external_id", "no account with external id " + externalId);
            }
            var day = cells.required("day", cells.date("day"));
            String feature = cells.required("feature");
            if (feature != null && feature.length() > 200) {
                cells.refuse("feature", "must be at most 200 characters");
            }
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
