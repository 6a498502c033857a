package org.lodestar.imports;

import static org.lodestar.imports.BookCsv.concat;
import static org.lodestar.imports.BookCsv.csv;
import static org.lodestar.imports.BookCsv.label;
import static org.lodestar.imports.BookCsv.money;
import static org.lodestar.imports.BookCsv.text;
import static org.lodestar.imports.BookRows.KEPT;
import static org.lodestar.imports.BookRows.withTable;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

import org.lodestar.accounts.Account;
import org.lodestar.accounts.Accounts;
import org.lodestar.accounts.Stakeholder;
import org.lodestar.accounts.Stakeholders;
import org.lodestar.audit.Actor;
import org.lodestar.errors.InvalidInput;
import org.lodestar.feedback.FeatureRequests;
import org.lodestar.feedback.ProductRequest;
import org.lodestar.feedback.RequestStatus;
import org.lodestar.feedback.RestoredRequest;
import org.lodestar.imports.BookRows.Read;
import org.lodestar.infrastructure.Labels;
import org.lodestar.notifications.NotificationSettings;
import org.lodestar.notifications.Notifications;
import org.lodestar.outreach.Channel;
import org.lodestar.outreach.Outreach;
import org.lodestar.outreach.OutreachMessage;
import org.lodestar.people.SavedView;
import org.lodestar.people.SavedViews;
import org.lodestar.people.Users;
import org.lodestar.revenue.RenewalCall;
import org.lodestar.revenue.RenewalOutcome;
import org.lodestar.revenue.Renewals;
import org.lodestar.revenue.Subscription;
import org.lodestar.revenue.Subscriptions;
import org.lodestar.reviews.DraftEdit;
import org.lodestar.reviews.Quarter;
import org.lodestar.reviews.ReviewDraft;
import org.lodestar.reviews.ReviewDrafts;
import org.lodestar.reviews.ReviewKind;
import org.lodestar.reviews.StatedFigure;
import org.lodestar.signals.SignalCategory;
import org.lodestar.tasks.Priority;
import org.lodestar.tasks.RestoredTask;
import org.lodestar.tasks.Task;
import org.lodestar.tasks.TaskStatus;
import org.lodestar.tasks.Tasks;
import org.lodestar.tasks.Team;
import org.springframework.stereotype.Service;

/**
 * The part of a whole book that records what the CS team decided and did, beyond the customer's own data: each user's
 * saved views and notification settings, renewal forecasts and outcomes, where the product team stands on feature
 * requests (status, merges), tasks, QBR and EBR drafts and the outreach history. Each file is written by
 * {@link BookExport} and read back by {@link BookImport} through here, a record at a time "unless it is there", so a
 * folder imported twice adds nothing the second time.
 */
@Service
class BookHistory {

    private final Users users;
    private final Accounts accounts;
    private final Stakeholders stakeholders;
    private final Subscriptions subscriptions;
    private final SavedViews views;
    private final Notifications notifications;
    private final Renewals renewals;
    private final FeatureRequests requests;
    private final Tasks tasks;
    private final ReviewDrafts reviews;
    private final Outreach outreach;
    private final BookRows records;
    private final Clock clock;

    BookHistory(Users users, Accounts accounts, Stakeholders stakeholders, Subscriptions subscriptions, SavedViews views,
            Notifications notifications, Renewals renewals, FeatureRequests requests, Tasks tasks, ReviewDrafts reviews,
            Outreach outreach, BookRows records, Clock clock) {
        this.clock = clock;
        this.users = users;
        this.accounts = accounts;
        this.stakeholders = stakeholders;
        this.subscriptions = subscriptions;
        this.views = views;
        this.notifications = notifications;
        this.renewals = renewals;
        this.requests = requests;
        this.tasks = tasks;
        this.reviews = reviews;
        this.outreach = outreach;
        this.records = records;
    }

    // ---- writing

    /** What the export wrote before this part, by id: the contacts and the subscriptions' external ids its rows name. */
    record Written(Map<Long, Stakeholder> contacts, Map<Long, String> subscriptionIds) {
    }

    /** Writes this part of the book for the accounts of {@code book}; rows per file into {@code rows}. */
    void write(Path folder, List<Account> book, Written written, Consumer<String> progress, Map<String, Integer> rows)
            throws IOException {
        Map<Long, String> userEmails = new HashMap<>();
        users.list().forEach(u -> userEmails.put(u.id(), u.email()));
        rows.put(BookFiles.SAVED_VIEWS.file(), csv(folder, BookFiles.SAVED_VIEWS, progress, out -> {
            for (SavedView view : views.all()) {
                out.accept(List.of(userEmails.get(view.userId()), view.page(), view.name(), view.query()));
            }
        }));
        rows.put(BookFiles.NOTIFICATION_SETTINGS.file(), csv(folder, BookFiles.NOTIFICATION_SETTINGS, progress,
                out -> notifications.chosen().forEach((userId, s) -> out.accept(List.of(userEmails.get(userId),
                        String.valueOf(s.dailyDigest()), String.valueOf(s.digestHour()), String.valueOf(s.slackAlerts()))))));
        rows.put(BookFiles.RENEWAL_CALLS.file(), csv(folder, BookFiles.RENEWAL_CALLS, progress, out -> {
            for (RenewalCall call : renewals.calls()) {
                out.accept(List.of(written.subscriptionIds().get(call.subscriptionId()), money(call.forecastArr()),
                        text(call.forecastNote()), text(call.forecastBy()), text(call.forecastAt()), label(call.outcome()),
                        money(call.outcomeArr()), text(call.outcomeNote()), text(call.outcomeBy()), text(call.outcomeAt())));
            }
        }));
        rows.put(BookFiles.REQUESTS.file(), csv(folder, BookFiles.REQUESTS, progress, out -> {
            List<ProductRequest> all = new ArrayList<>(requests.all());
            // Those that stand first: a merged one names the one it went into, which an import makes first.
            all.sort(Comparator.comparing((ProductRequest r) -> r.mergedInto() != null));
            for (ProductRequest r : all) {
                out.accept(List.of(r.title(), label(r.status()), text(r.description()),
                        r.mergedInto() == null ? "" : requests.standingFor(r.id()).title(), text(r.createdAt()),
                        r.createdBy(), text(r.updatedAt()), r.updatedBy()));
            }
        }));
        rows.put(BookFiles.TASKS.file(), csv(folder, BookFiles.TASKS, progress, out -> {
            Map<Long, List<Task>> kept = tasks.keptByAccount();
            for (Account a : book) {
                for (Task t : kept.getOrDefault(a.id(), List.of())) {
                    out.accept(List.of(a.externalId(), t.title(), text(t.dueOn()), label(t.status()), text(t.createdAt()),
                            text(t.description()), label(t.category()), text(t.ownerEmail()), label(t.team()),
                            label(t.priority()), text(t.dueAt()), text(t.snoozedUntil()), text(t.outreach()),
                            text(t.createdBy()), text(t.completedAt()), text(t.minutesSpent())));
                }
            }
        }));
        rows.put(BookFiles.REVIEWS.file(), csv(folder, BookFiles.REVIEWS, progress, out -> {
            Map<Long, List<ReviewDraft>> saved = reviews.savedByAccount();
            for (Account a : book) {
                for (ReviewDraft d : saved.getOrDefault(a.id(), List.of())) {
                    var n = d.narrative();
                    List<String> draft = List.of(a.externalId(), d.kind().label(), d.quarter().toString(),
                            text(d.updatedAt()), text(d.updatedBy()), n.summary(), n.customerAsks(), n.ourAsks(),
                            n.nextGoals());
                    if (d.figures().isEmpty()) {
                        out.accept(concat(draft, List.of("", "", "", "", "", "")));
                    }
                    for (int f = 0; f < d.figures().size(); f++) {
                        StatedFigure figure = d.figures().get(f);
                        for (StatedFigure.Part part : figure.parts()) {
                            out.accept(concat(draft, List.of(String.valueOf(f + 1), figure.label(),
                                    figure.unit(), money(figure.stated()), part.label(), money(part.value()))));
                        }
                    }
                }
            }
        }));
        rows.put(BookFiles.OUTREACH.file(), csv(folder, BookFiles.OUTREACH, progress, out -> {
            Map<Long, List<OutreachMessage>> history = outreach.historyByAccount();
            for (Account a : book) {
                for (OutreachMessage m : history.getOrDefault(a.id(), List.of())) {
                    String contact = m.contactId() == null ? "" : contactEmail(written.contacts(), a.id(), m.contactId());
                    out.accept(List.of(a.externalId(), m.template(), m.channel().label(), m.status().label(),
                            text(m.at()), m.body(), contact, text(m.recipient()), text(m.subject()), text(m.reason()),
                            m.actor()));
                }
            }
        }));
    }

    /** A contact's email as the outreach file names them: empty when the contact is not one of the account's. */
    private static String contactEmail(Map<Long, Stakeholder> contacts, long accountId, long contactId) {
        Stakeholder contact = contacts.get(contactId);
        return contact == null || contact.accountId() != accountId ? "" : text(contact.email());
    }

    // ---- reading

    /** Imports one of this part's files. */
    BookImport.FileOutcome read(BookFiles file, byte[] content, Actor by) {
        Lookups look = new Lookups(by);
        return switch (file) {
            case SAVED_VIEWS -> records.importRows(file, content, by, look::savedView,
                    v -> List.of(v.userId(), v.page(), v.name().toLowerCase(Locale.ROOT)),
                    (v, n) -> views.restoreOnce(v.userId(), v.page(), v.name(), v.query()), KEPT);
            case NOTIFICATION_SETTINGS -> records.importRows(file, content, by, look::settings,
                    s -> List.of(s.userId()), (s, n) -> notifications.restoreOnce(s.userId(), s.settings()), KEPT);
            case RENEWAL_CALLS -> records.importRows(file, content, by, look::renewalCall,
                    c -> List.of(c.subscriptionId()), (c, n) -> {
                        if (n > 1) {
                            throw new InvalidInput("subscription_external_id", "a second row for this subscription: "
                                    + "its renewal has one call (a forecast and an outcome on one row)");
                        }
                        return renewals.restoreOnce(c);
                    }, KEPT);
            case REQUESTS -> withTable(file, content, table -> importRequests(file, table, by));
            case TASKS -> records.importRows(file, content, by, look::task,
                    t -> List.of(t.accountId(), t.task().title(), t.task().createdAt()),
                    (t, n) -> tasks.restoreOnce(t.accountId(), t.task(), n), KEPT);
            case REVIEWS -> withTable(file, content, table -> importReviews(file, table, by, look));
            case OUTREACH -> records.importRows(file, content, by, look::message,
                    m -> List.of(m.accountId(), m.template(), m.channel(), Objects.toString(m.recipient(), ""), m.at()),
                    outreach::restoreOnce, KEPT);
            default -> throw new IllegalArgumentException(file + " is not a file of the book's history");
        };
    }

    // ---- the records of each file

    /**
     * Reads the records of one file: the users and accounts it names are looked up once each, and what a row leaves
     * out of who did it is the person importing.
     */
    private final class Lookups {

        private final Actor by;
        private Map<String, Long> userIds;
        private final AccountIds accountIds = new AccountIds(accounts);

        Lookups(Actor by) {
            this.by = by;
        }

        /** A user's id by email (any case), refusing the cell when there is none. */
        private Long user(CsvTable.Cells cells, String column, String email) {
            if (email == null) {
                return null;
            }
            if (userIds == null) {
                userIds = new HashMap<>();
                users.list().forEach(u -> userIds.put(u.email().toLowerCase(Locale.ROOT), u.id()));
            }
            Long id = userIds.get(email.toLowerCase(Locale.ROOT));
            if (id == null) {
                cells.refuse(column, "no user with email " + email);
            }
            return id;
        }

        private record View(long userId, String page, String name, String query) {
        }

        private View savedView(CsvTable.Cells cells) {
            Long user = user(cells, "user_email", cells.required("user_email"));
            String page = cells.limited("page", cells.required("page"), 40);
            String name = cells.required("name");
            String query = cells.text("query");
            return user == null ? null : new View(user, page, name, query == null ? "" : query);
        }

        private record Settings(long userId, NotificationSettings settings) {
        }

        private Settings settings(CsvTable.Cells cells) {
            Long user = user(cells, "user_email", cells.required("user_email"));
            Boolean digest = cells.required("daily_digest", cells.bool("daily_digest"));
            Integer hour = cells.required("digest_hour", cells.wholeNumber("digest_hour"));
            if (hour != null && (hour < 0 || hour > 23)) {
                cells.refuse("digest_hour", "expected the hour of the day (UTC) to send the digest, 0 to 23, got " + hour);
            }
            Boolean slack = cells.required("slack_alerts", cells.bool("slack_alerts"));
            return user == null || digest == null || hour == null || slack == null ? null
                    : new Settings(user, new NotificationSettings(digest, hour, slack, null));
        }

        private RenewalCall renewalCall(CsvTable.Cells cells) {
            String externalId = cells.required("subscription_external_id");
            Subscription subscription = externalId == null ? null : subscriptions.findByExternalId(externalId).orElse(null);
            if (externalId != null && subscription == null) {
                cells.refuse("subscription_external_id", "no subscription with external id " + externalId);
            } else if (subscription != null && subscription.endDate() == null) {
                cells.refuse("subscription_external_id", "the subscription " + externalId + " has no end date, so no renewal");
            }
            BigDecimal forecastArr = amount(cells, "forecast_arr");
            String forecastNote = cells.limited("forecast_note", cells.text("forecast_note"), 500);
            String forecastBy = cells.limited("forecast_by", cells.text("forecast_by"), 300);
            Instant forecastAt = cells.timestamp("forecast_at");
            RenewalOutcome outcome = cells.label("outcome", RenewalOutcome.class);
            BigDecimal outcomeArr = amount(cells, "outcome_arr");
            String outcomeNote = cells.limited("outcome_note", cells.text("outcome_note"), 500);
            String outcomeBy = cells.limited("outcome_by", cells.text("outcome_by"), 300);
            Instant outcomeAt = cells.timestamp("outcome_at");
            if (forecastArr == null && outcome == null && !cells.refused("forecast_arr") && !cells.refused("outcome")) {
                cells.refuse("forecast_arr", "a renewal call has a forecast (forecast_arr), an outcome (outcome), or both");
            }
            if ((forecastNote != null || forecastBy != null || forecastAt != null) && forecastArr == null) {
                cells.refuse("forecast_arr", "required with the forecast's note, author or time");
            }
            if (outcome != null && outcomeArr == null) {
                cells.refuse("outcome_arr", "required with an outcome: the ARR it renewed at");
            }
            if (outcome == null && (outcomeArr != null || outcomeNote != null || outcomeBy != null || outcomeAt != null)) {
                cells.refuse("outcome", "required with the outcome's ARR, note, author or time: one of "
                        + Labels.choices(RenewalOutcome.class));
            }
            return subscription == null ? null : new RenewalCall(subscription.id(), forecastArr, forecastNote, forecastBy,
                    forecastAt, outcome, outcomeArr, outcomeNote, outcomeBy, outcomeAt);
        }

        private record AccountTask(long accountId, RestoredTask task) {
        }

        private AccountTask task(CsvTable.Cells cells) {
            Long account = accountIds.of(cells);
            String title = cells.limited("title", cells.required("title"), 300);
            LocalDate dueOn = cells.required("due_on", cells.date("due_on"));
            TaskStatus status = cells.required("status", cells.label("status", TaskStatus.class));
            Instant createdAt = cells.required("created_at", cells.timestamp("created_at"));
            String description = cells.limited("description", cells.text("description"), 5000);
            SignalCategory category = cells.label("category", SignalCategory.class);
            Long owner = user(cells, "owner_email", cells.text("owner_email"));
            Team team = cells.label("team", Team.class);
            Priority priority = cells.label("priority", Priority.class);
            Instant dueAt = cells.timestamp("due_at");
            LocalDate snoozedUntil = cells.date("snoozed_until");
            String outreachTemplate = cells.limited("outreach", cells.text("outreach"), 60);
            String createdBy = cells.limited("created_by", cells.text("created_by"), 400);
            Instant completedAt = cells.timestamp("completed_at");
            Integer minutes = cells.wholeNumber("minutes_spent");
            if (minutes != null && (minutes < 1 || minutes > 1440)) {
                cells.refuse("minutes_spent", "expected whole minutes, 1 to 1440, got " + minutes);
            }
            if (status == TaskStatus.OPEN && completedAt != null) {
                cells.refuse("completed_at", "given for an open task; only a done or cancelled one was completed");
            }
            if (account == null || title == null || dueOn == null || status == null || createdAt == null) {
                return null;
            }
            return new AccountTask(account, new RestoredTask(title, description,
                    category == null ? SignalCategory.OTHER : category, owner, team == null ? Team.CSM : team,
                    priority == null ? Priority.NORMAL : priority, dueOn, dueAt, status, snoozedUntil, outreachTemplate,
                    createdAt, createdBy == null ? by.name() : createdBy, status == TaskStatus.OPEN ? null
                            : completedAt == null ? createdAt : completedAt, minutes));
        }

        private OutreachMessage message(CsvTable.Cells cells) {
            Long account = accountIds.of(cells);
            String template = cells.limited("template", cells.required("template"), 60);
            Channel channel = cells.required("channel", cells.label("channel", Channel.class));
            OutreachMessage.Status status = cells.required("status", cells.label("status", OutreachMessage.Status.class));
            Instant at = cells.required("sent_at", cells.timestamp("sent_at"));
            String body = cells.required("body");
            String contactEmail = cells.text("contact_email");
            Long contact = null;
            if (contactEmail != null && account != null) {
                contact = stakeholders.list(account).stream().filter(s -> contactEmail.equalsIgnoreCase(s.email()))
                        .map(Stakeholder::id).findFirst().orElse(null);
                if (contact == null) {
                    cells.refuse("contact_email", "no contact " + contactEmail + " on the account "
                            + cells.text("account_external_id"));
                }
            }
            String recipient = cells.limited("recipient", cells.text("recipient"), 320);
            String subject = cells.limited("subject", cells.text("subject"), 300);
            String reason = cells.limited("reason", cells.text("reason"), 1000);
            String actor = cells.limited("actor", cells.text("actor"), 400);
            if (status == OutreachMessage.Status.BLOCKED && reason == null && !cells.refused("reason")) {
                cells.refuse("reason", "required for a blocked message: why it was stopped");
            }
            if (account == null || template == null || channel == null || status == null || at == null || body == null) {
                return null;
            }
            return new OutreachMessage(0, account, contact, template, channel, recipient, subject, body, status, reason,
                    actor == null ? by.name() : actor, at);
        }
    }

    /** Feature requests: those that stand first, then those merged into them (by the title of the one kept). */
    private BookImport.FileOutcome importRequests(BookFiles file, CsvTable table, Actor by) {
        List<RowProblem> problems = new ArrayList<>();
        List<Read<RestoredRequest>> standing = new ArrayList<>();
        List<Read<RestoredRequest>> merged = new ArrayList<>();
        Map<String, Long> standingTitles = new HashMap<>();
        for (CsvTable.Row row : table.rows) {
            CsvTable.Cells cells = new CsvTable.Cells(row);
            String title = cells.limited("title", cells.required("title"), 200);
            RequestStatus status = cells.required("status", cells.label("status", RequestStatus.class));
            String description = cells.limited("description", cells.text("description"), 4000);
            String mergedInto = cells.limited("merged_into", cells.text("merged_into"), 200);
            Instant createdAt = cells.timestamp("created_at");
            String createdBy = cells.limited("created_by", cells.text("created_by"), 400);
            Instant updatedAt = cells.timestamp("updated_at");
            String updatedBy = cells.limited("updated_by", cells.text("updated_by"), 400);
            if (title != null && mergedInto == null) {
                Long earlier = standingTitles.putIfAbsent(title.toLowerCase(Locale.ROOT), row.line());
                if (earlier != null) {
                    cells.refuse("title", "the request '" + title + "' is on line " + earlier + " already; a title "
                            + "stands for one request (merge the two in Lodestar, or rename one)");
                }
            }
            if (mergedInto != null && title != null && mergedInto.equalsIgnoreCase(title)) {
                cells.refuse("merged_into", "a request cannot be merged into itself");
            }
            problems.addAll(cells.problems());
            if (cells.problems().isEmpty()) {
                Instant created = createdAt == null ? clock.instant() : createdAt;
                String creator = createdBy == null ? by.name() : createdBy;
                RestoredRequest request = new RestoredRequest(title, description, status, mergedInto, created, creator,
                        updatedAt == null ? created : updatedAt, updatedBy == null ? creator : updatedBy);
                (mergedInto == null ? standing : merged).add(new Read<>(row.line(), request));
            }
        }
        for (Read<RestoredRequest> r : merged) {
            String into = r.record().mergedInto().toLowerCase(Locale.ROOT);
            if (!standingTitles.containsKey(into) && requests.open().stream()
                    .noneMatch(p -> p.title().equalsIgnoreCase(into))) {
                problems.add(new RowProblem(r.line(), "merged_into", "no request titled '" + r.record().mergedInto()
                        + "' in this file or in Lodestar to have been merged into"));
            }
        }
        if (!problems.isEmpty()) {
            return BookImport.badRows(file, problems);
        }
        List<Read<RestoredRequest>> all = new ArrayList<>(standing);
        all.addAll(merged);
        return records.write(file, by, all,
                r -> List.of(r.title().toLowerCase(Locale.ROOT), Objects.toString(r.mergedInto(), "")),
                (r, n) -> requests.restoreOnce(r), all.size() + " request(s)", KEPT);
    }

    /** The rows of one draft read so far: its first line, its fields, its figures by position. */
    private record DraftRows(long line, long accountId, ReviewKind kind, Quarter quarter, Instant savedAt,
            String savedBy, DraftEdit narrative, Map<Integer, FigureRows> figures) {
    }

    private record FigureRows(String label, String unit, BigDecimal stated, List<StatedFigure.Part> parts) {
    }

    /** Review drafts: a row per part of a stated figure (or one row for a draft without figures). */
    private BookImport.FileOutcome importReviews(BookFiles file, CsvTable table, Actor by, Lookups look) {
        List<RowProblem> problems = new ArrayList<>();
        Map<List<Object>, DraftRows> drafts = new LinkedHashMap<>();
        for (CsvTable.Row row : table.rows) {
            CsvTable.Cells cells = new CsvTable.Cells(row);
            Long account = look.accountIds.of(cells);
            ReviewKind kind = cells.required("kind", cells.label("kind", ReviewKind.class));
            Quarter quarter = quarter(cells);
            Instant savedAt = cells.required("saved_at", cells.timestamp("saved_at"));
            String savedBy = cells.limited("saved_by", cells.text("saved_by"), 400);
            DraftEdit narrative = new DraftEdit(cells.text("summary"), cells.text("customer_asks"),
                    cells.text("our_asks"), cells.text("next_goals"), List.of());
            Integer position = cells.wholeNumber("figure_position");
            String figureLabel = cells.text("figure_label");
            String unit = cells.text("figure_unit");
            BigDecimal stated = cells.money("figure_stated");
            String partLabel = cells.text("part_label");
            BigDecimal partValue = cells.money("part_value");
            boolean figure = position != null || figureLabel != null || stated != null || partLabel != null
                    || partValue != null;
            if (figure) {
                cells.required("figure_position", position);
                cells.required("figure_label", figureLabel);
                cells.required("figure_stated", stated);
                cells.required("part_label", partLabel);
                cells.required("part_value", partValue);
            }
            if (cells.problems().isEmpty()) {
                long line = row.line();
                DraftRows draft = drafts.computeIfAbsent(List.of(account, kind, quarter), k -> new DraftRows(line,
                        account, kind, quarter, savedAt, savedBy == null ? by.name() : savedBy, narrative,
                        new LinkedHashMap<>()));
                if (!Objects.equals(draft.narrative(), narrative) || !draft.savedAt().equals(savedAt)) {
                    cells.refuse("summary", "the " + kind.label() + " " + quarter + " draft of "
                            + cells.text("account_external_id") + " starts on line " + draft.line()
                            + "; its rows must agree on the texts and saved_at");
                } else if (figure) {
                    FigureRows rows = draft.figures().computeIfAbsent(position, p -> new FigureRows(figureLabel,
                            unit == null ? "" : unit, stated, new ArrayList<>()));
                    if (!rows.label().equals(figureLabel) || rows.stated().compareTo(stated) != 0) {
                        cells.refuse("figure_label", "figure " + position + " of this draft is '" + rows.label()
                                + "' stated at " + rows.stated().toPlainString() + " on an earlier line");
                    } else {
                        rows.parts().add(new StatedFigure.Part(partLabel, partValue));
                    }
                }
            }
            problems.addAll(cells.problems());
        }
        if (!problems.isEmpty()) {
            return BookImport.badRows(file, problems);
        }
        List<Read<DraftRows>> read = drafts.values().stream().map(d -> new Read<>(d.line(), d)).toList();
        return records.write(file, by, read, d -> List.of(d.accountId(), d.kind(), d.quarter()), (d, n) -> {
            List<StatedFigure> figures = d.figures().values().stream()
                    .map(f -> new StatedFigure(f.label(), f.unit(), f.stated(), List.copyOf(f.parts()))).toList();
            DraftEdit n0 = d.narrative();
            return reviews.restoreOnce(d.accountId(), d.kind(), d.quarter(), new DraftEdit(n0.summary(),
                    n0.customerAsks(), n0.ourAsks(), n0.nextGoals(), figures), d.savedAt(), d.savedBy());
        }, table.rows.size() + " row(s), " + read.size() + " draft(s)", KEPT);
    }

    // ---- cells

    private static Quarter quarter(CsvTable.Cells cells) {
        String text = cells.required("quarter");
        try {
            return text == null ? null : Quarter.parse("quarter", text);
        } catch (InvalidInput e) {
            cells.refuse("quarter", e.problems().getFirst().reason());
            return null;
        }
    }

    private static BigDecimal amount(CsvTable.Cells cells, String column) {
        BigDecimal amount = cells.money(column);
        if (amount != null && amount.signum() < 0) {
            cells.refuse(column, "expected an amount of 0 or more, got " + amount.toPlainString());
        }
        return amount;
    }
}
