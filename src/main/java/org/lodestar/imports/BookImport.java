package org.lodestar.imports;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.lodestar.accounts.Account;
import org.lodestar.accounts.Accounts;
import org.lodestar.accounts.ActivityDraft;
import org.lodestar.accounts.MeetingType;
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
    private final UsageImports usageImports;
    private final UsageHistory usage;
    private final HealthScores health;
    private final DataLoads loads;
    private final Signals signals;
    private final TransactionTemplate transactions;

    BookImport(CsvImports imports, Users users, Accounts accounts, Timeline timeline, UsageImports usageImports, UsageHistory usage,
            HealthScores health, DataLoads loads, Signals signals, TransactionTemplate transactions) {
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
                byte[] content = Files.readAllBytes(path);
                FileOutcome outcome = switch (file) {
                    case USERS -> importUsers(content, file, disabled, by);
                    case ACTIVITIES -> importActivities(content, file, by);
                    case USAGE_COUNTS -> importCounts(content, file, by);
                    case USAGE_EVENTS -> importEvents(content, file, by, progress);
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

    /** Users by email: a new email is added (with a password nobody knows: they reset it or sign on); a known one kept. */
    private FileOutcome importUsers(byte[] content, BookFiles file, List<String> disabled, Actor by) {
        CsvTable table;
        try {
            table = CsvTable.read(content, file.required(), file.optional());
        } catch (CsvTable.FileProblem e) {
            return new FileOutcome(file.file(), "Nothing imported from " + file.file(), List.of(file.file() + " " + e.problem));
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
            return new FileOutcome(file.file(), "Nothing imported from " + file.file() + ": " + problems.size()
                    + " bad row(s)", problems.stream().map(p -> file.file() + " " + p).toList());
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
            return new FileOutcome(file.file(), "Nothing imported from " + file.file() + ": " + problems.size()
                    + " bad row(s)", problems.stream().map(p -> file.file() + " " + p).toList());
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
            return new FileOutcome(file.file(), "Nothing imported from " + file.file(), List.of(file.file() + " " + e.problem));
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
            return new FileOutcome(file.file(), "Nothing imported from " + file.file() + ": " + problems.size()
                    + " bad row(s)", problems.stream().map(p -> file.file() + " " + p).toList());
        }
        return new FileOutcome(file.file(), "Imported " + file.file() + ": " + read.size() + " row(s): " + created[0]
                + " created, " + (read.size() - created[0]) + " already there", List.of());
    }

    /** The activity fields the timeline names in its problems, as the file's columns. */
    private static final Map<String, String> COLUMNS = Map.of("kind", "kind", "meetingType", "meeting_type", "subject",
            "subject", "body", "body", "durationMinutes", "duration_minutes", "occurredAt", "occurred_at");

    /** Imported daily counts, each source's replaced as a whole, as a data set's import does. */
    private FileOutcome importCounts(byte[] content, BookFiles file, Actor by) {
        CsvTable table;
        try {
            table = CsvTable.read(content, file.required(), file.optional());
        } catch (CsvTable.FileProblem e) {
            return new FileOutcome(file.file(), "Nothing imported from " + file.file(), List.of(file.file() + " " + e.problem));
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
            return new FileOutcome(file.file(), "Nothing imported from " + file.file() + ": " + problems.size()
                    + " bad row(s)", problems.stream().map(p -> file.file() + " " + p).toList());
        }
        Actors.runAs(Actor.importOf(file.file(), by), () -> transactions.executeWithoutResult(
                status -> bySource.forEach(usageImports::replace)));
        return new FileOutcome(file.file(), "Imported " + file.file() + ": " + table.rows.size() + " daily count(s) from "
                + bySource.size() + " source(s)", List.of());
    }

    private FileOutcome importEvents(byte[] content, BookFiles file, Actor by, Consumer<String> progress) {
        List<String> lines = new String(content, StandardCharsets.UTF_8).lines().toList();
        try {
            int[] told = { 0 };
            UsageHistory.Replayed replayed = Actors.runAs(Actor.importOf(file.file(), by), () -> usage.readEvents(lines,
                    done -> {
                        if (done - told[0] >= 10_000) {
                            told[0] = done;
                            progress.accept("  " + done + " calls");
                        }
                    }));
            return new FileOutcome(file.file(), "Imported " + file.file() + ": " + replayed.received() + " call(s) in "
                    + replayed.lines() + " batch(es): " + replayed.stored() + " stored, " + replayed.duplicates()
                    + " already there, " + replayed.unattributed() + " waiting for their user's account", List.of());
        } catch (InvalidInput e) {
            return new FileOutcome(file.file(), "Nothing imported from " + file.file(), e.problems().stream()
                    .map(p -> file.file() + " " + p.field() + ": " + p.reason()).toList());
        }
    }
}
