package org.lodestar.imports;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.lodestar.accounts.Account;
import org.lodestar.accounts.AccountDraft;
import org.lodestar.accounts.Accounts;
import org.lodestar.accounts.CoverageModel;
import org.lodestar.accounts.LifecycleStage;
import org.lodestar.accounts.StakeholderDraft;
import org.lodestar.accounts.StakeholderRole;
import org.lodestar.accounts.StakeholderStatus;
import org.lodestar.accounts.Stakeholders;
import org.lodestar.accounts.UpsertOutcome;
import org.lodestar.hygiene.CrmViews;
import org.lodestar.hygiene.MetricTables;
import org.lodestar.audit.Actor;
import org.lodestar.audit.Actors;
import org.lodestar.billing.InvoiceDraft;
import org.lodestar.billing.InvoiceStatus;
import org.lodestar.billing.Invoices;
import org.lodestar.errors.Conflict;
import org.lodestar.errors.InvalidInput;
import org.lodestar.errors.NotFound;
import org.lodestar.feedback.AskDraft;
import org.lodestar.feedback.AskSource;
import org.lodestar.feedback.FeatureRequests;
import org.lodestar.revenue.ContractDays;
import org.lodestar.revenue.SubscriptionDraft;
import org.lodestar.revenue.Subscriptions;
import org.lodestar.support.Satisfaction;
import org.lodestar.support.SupportTickets;
import org.lodestar.support.TicketDraft;
import org.lodestar.support.TicketPriority;
import org.lodestar.support.TicketStatus;
import org.lodestar.surveys.SurveyDraft;
import org.lodestar.surveys.SurveyKind;
import org.lodestar.surveys.SurveyResponses;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Imports Lodestar's CSV formats and other systems' JSON exports (through {@link JsonFeeds}). Every row is checked and applied inside one transaction, each
 * row in its own savepoint; a file with any bad row commits nothing unless {@code partial} is asked
 * for, in which case the good rows commit and the bad ones are reported. A row's cells are read one by
 * one before anything is written, so a row reports every bad cell, not just its first. Rows upsert by
 * external id, so importing the same file twice changes nothing the second time.
 */
@Service
public class CsvImports {

    private static final Columns ACCOUNT_COLUMNS = new Columns(Map.of("externalId", "external_id", "name", "name",
            "owner", "owner_email", "parent", "parent_external_id", "billingId", "billing_id"), Set.of());
    private static final Columns STAKEHOLDER_COLUMNS = new Columns(Map.of("email", "email", "name", "name",
            "role", "role", "leftOn", "left_on", "status", "status"), Set.of("left_on"));
    private static final Columns SUBSCRIPTION_COLUMNS = new Columns(Map.of("externalId", "subscription_id",
            "plan", "plan", "seats", "seats", "arr", "arr", "startDate", "start_date", "endDate", "end_date",
            "lineItems", "plan", "account", "account_external_id"), Set.of("plan", "start_date", "end_date"));
    private static final Columns TICKET_COLUMNS = new Columns(Map.of("externalId", "ticket_id", "subject", "subject",
            "createdAt", "created_at", "solvedAt", "solved_at"), Set.of("solved_at"));
    private static final Columns SURVEY_COLUMNS = new Columns(Map.of("externalId", "response_id", "kind", "kind",
            "score", "score", "comment", "comment", "respondentEmail", "respondent_email", "respondedAt",
            "responded_at"), Set.of());
    private static final Columns INVOICE_COLUMNS = new Columns(Map.of("externalId", "invoice_id", "number", "number",
            "currency", "currency", "amountDue", "amount_due", "amountPaid", "amount_paid", "issuedOn", "issued_on",
            "dueOn", "due_on", "paidOn", "paid_on", "status", "status"), Set.of("due_on", "paid_on"));
    private static final Columns ASK_COLUMNS = new Columns(Map.of("title", "title", "words", "words", "askedOn", "asked_on",
            "contactId", "contact_email", "requestId", "title"), Set.of());
    /** What rows from Lodestar's CSV files say they came from. */
    private static final String CSV_SOURCE = "csv";
    private static final Pattern ITEM_FIELD = Pattern.compile("^lineItems\\[(\\d+)]\\.?(.*)$");

    private final Accounts accounts;
    private final Stakeholders stakeholders;
    private final Subscriptions subscriptions;
    private final SupportTickets tickets;
    private final SurveyResponses surveys;
    private final Invoices invoices;
    private final JsonFeeds feeds;
    private final FeatureRequests featureRequests;
    private final CrmViews crmViews;
    private final MetricTables metricTables;
    private final TransactionTemplate outer;
    private final TransactionTemplate savepoint;

    CsvImports(Accounts accounts, Stakeholders stakeholders, Subscriptions subscriptions, SupportTickets tickets,
            SurveyResponses surveys, Invoices invoices, JsonFeeds feeds, FeatureRequests featureRequests, CrmViews crmViews,
            MetricTables metricTables, PlatformTransactionManager transactions) {
        this.featureRequests = featureRequests;
        this.crmViews = crmViews;
        this.metricTables = metricTables;
        this.accounts = accounts;
        this.stakeholders = stakeholders;
        this.subscriptions = subscriptions;
        this.tickets = tickets;
        this.surveys = surveys;
        this.invoices = invoices;
        this.feeds = feeds;
        this.outer = new TransactionTemplate(transactions);
        this.savepoint = new TransactionTemplate(transactions);
        this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
    }

    /** Imports one file of the given kind as {@code by}; the audit log names the file and the person. */
    public ImportReport run(ImportKind kind, byte[] content, String source, boolean partial, Actor by) {
        return run(kind, content, source, partial, by, (done, of) -> { });
    }

    /** As {@link #run(ImportKind, byte[], String, boolean, Actor)}, telling {@code progress} the rows done so far of all. */
    public ImportReport run(ImportKind kind, byte[] content, String source, boolean partial, Actor by,
            RowsDone progress) {
        if (kind == ImportKind.METRICS) {
            return importMetrics(content, source, by);
        }
        int rows;
        Consumer<Tally> work;
        if (kind.json()) {
            JsonItems items;
            try {
                items = kind == ImportKind.ZENDESK_TICKETS
                        ? JsonItems.read(content, Set.of("tickets"), Set.of("ticket"), false,
                                "Zendesk ticket JSON: {\"ticket\": {...}} or {\"tickets\": [...]}")
                        : JsonItems.read(content, Set.of("data"), Set.of("invoice"), true,
                                "Stripe invoice JSON: an invoice, a list {\"data\": [...]} or an array of invoices");
            } catch (JsonItems.FileProblem e) {
                return new ImportReport(kind.label(), source, 0, 0, 0, 0, List.of(e.problem), false);
            }
            rows = items.items.size();
            work = tally -> {
                if (kind == ImportKind.ZENDESK_TICKETS) {
                    feeds.zendeskTickets(items, (item, fields, record) -> apply(tally, List.of(item.line()), fields, record));
                } else {
                    feeds.stripeInvoices(items, (item, fields, record) -> apply(tally, List.of(item.line()), fields, record));
                }
            };
        } else {
            CsvTable table;
            try {
                table = CsvTable.read(content, kind.required(), kind.optional());
            } catch (CsvTable.FileProblem e) {
                return new ImportReport(kind.label(), source, 0, 0, 0, 0, List.of(e.problem), false);
            }
            rows = table.rows.size();
            work = tally -> {
                switch (kind) {
                    case ACCOUNTS -> importAccounts(table, tally);
                    case STAKEHOLDERS -> importStakeholders(table, tally);
                    case SUBSCRIPTIONS -> importSubscriptions(table, tally);
                    case TICKETS -> importTickets(table, tally);
                    case SURVEYS -> importSurveys(table, tally);
                    case INVOICES -> importInvoices(table, tally);
                    case FEATURE_REQUESTS -> importFeatureRequests(table, tally);
                    case ZENDESK_TICKETS, STRIPE_INVOICES -> throw new IllegalStateException(kind + " is JSON");
                    case METRICS -> throw new IllegalStateException("metrics tables are kept whole");
                }
            };
        }
        return Actors.runAs(Actor.importOf(source, by), () -> outer.execute(status -> {
            Tally tally = new Tally();
            tally.progress = done -> progress.done(done, rows);
            work.accept(tally);
            boolean commit = partial || tally.problems.isEmpty();
            if (!commit) {
                status.setRollbackOnly();
            }
            tally.problems.sort(Comparator.comparingLong(RowProblem::line));
            return new ImportReport(kind.label(), source, rows, tally.created, tally.updated,
                    tally.unchanged, List.copyOf(tally.problems), commit);
        }));
    }

    /**
     * An empty or absent optional cell means "not given": a new account gets the default, an
     * existing one keeps what it has, so a file with fewer columns never wipes data.
     */
    private void importAccounts(CsvTable table, Tally tally) {
        for (CsvTable.Row row : parentsFirst(table.rows)) {
            CsvTable.Cells cells = new CsvTable.Cells(row);
            String externalId = cells.required("external_id");
            Account existing = externalId == null ? null : accounts.findByExternalId(externalId).orElse(null);
            AccountDraft draft = new AccountDraft(externalId,
                    given(cells.text("billing_id"), existing, Account::billingId),
                    given(cells.text("product_group_id"), existing, Account::productGroupId),
                    cells.required("name"),
                    given(cells.text("domain"), existing, Account::domain),
                    given(cells.text("industry"), existing, Account::industry),
                    given(cells.text("country"), existing, Account::country),
                    given(cells.text("owner_email"), existing, a -> a.owner() == null ? null : a.owner().email()),
                    given(cells.text("parent_external_id"), existing,
                            a -> a.parent() == null ? null : a.parent().externalId()),
                    given(cells.label("lifecycle_stage", LifecycleStage.class), existing, Account::stage),
                    given(cells.label("coverage_model", CoverageModel.class), existing, Account::coverage));
            CrmViews.CrmView crm = new CrmViews.CrmView(cells.date("renewal_date"), cells.money("arr"),
                    cells.wholeNumber("seats"));
            if (crm.arr() != null && crm.arr().signum() < 0) {
                cells.refuse("arr", "the CRM's ARR must be 0 or more, got " + crm.arr().toPlainString());
            }
            if (crm.seats() != null && crm.seats() < 0) {
                cells.refuse("seats", "the CRM's seats must be 0 or more, got " + crm.seats());
            }
            apply(tally, ACCOUNT_COLUMNS, new ReadRecord(List.of(row.line()), cells.problems(),
                    () -> accounts.validate(draft, existing), () -> {
                        UpsertOutcome outcome = accounts.upsert(draft, existing);
                        long id = accounts.findByExternalId(externalId).orElseThrow().id();
                        boolean crmChanged = crmViews.record(id, crm, Actors.current().name());
                        return crmChanged && outcome == UpsertOutcome.UNCHANGED ? UpsertOutcome.UPDATED : outcome;
                    }));
        }
    }

    /**
     * A metrics table is kept whole under its file name (re-importing the same name replaces it), all or nothing: a
     * file that is not a table of figures is refused with each problem's line.
     */
    private ImportReport importMetrics(byte[] content, String source, Actor by) {
        List<String> problems = MetricTables.problems(content);
        long rows = Math.max(0, new String(content, java.nio.charset.StandardCharsets.UTF_8).lines()
                .filter(l -> !l.isBlank()).count() - 1);
        if (!problems.isEmpty()) {
            return new ImportReport(ImportKind.METRICS.label(), source, (int) rows, 0, 0, 0,
                    problems.stream().map(p -> new RowProblem(lineOf(p), null, p)).toList(), false);
        }
        boolean created = Actors.runAs(Actor.importOf(source, by), () -> outer.execute(status -> metricTables.keep(source,
                content, Actor.importOf(source, by))));
        return new ImportReport(ImportKind.METRICS.label(), source, (int) rows, created ? 1 : 0, created ? 0 : 1, 0, List.of(),
                true);
    }

    private static long lineOf(String problem) {
        Matcher m = Pattern.compile("^line (\\d+)").matcher(problem);
        return m.find() ? Long.parseLong(m.group(1)) : 1;
    }

    private static <T> T given(T value, Account existing, java.util.function.Function<Account, T> current) {
        return value != null || existing == null ? value : current.apply(existing);
    }

    private void importStakeholders(CsvTable table, Tally tally) {
        for (CsvTable.Row row : table.rows) {
            CsvTable.Cells cells = new CsvTable.Cells(row);
            Account account = account(cells, "account_external_id");
            StakeholderDraft draft = new StakeholderDraft(cells.required("email"), cells.required("name"),
                    cells.text("title"), cells.label("role", StakeholderRole.class),
                    cells.label("status", StakeholderStatus.class), cells.date("left_on"));
            apply(tally, STAKEHOLDER_COLUMNS, new ReadRecord(List.of(row.line()), cells.problems(),
                    () -> stakeholders.validate(draft), () -> stakeholders.upsert(account.id(), draft)));
        }
    }

    /** Rows with the same subscription_id are the line items of one subscription. */
    private void importSubscriptions(CsvTable table, Tally tally) {
        Map<String, List<CsvTable.Row>> bySubscription = new LinkedHashMap<>();
        for (CsvTable.Row row : table.rows) {
            String id = row.get("subscription_id");
            bySubscription.computeIfAbsent(id == null ? "line " + row.line() : id, k -> new ArrayList<>()).add(row);
        }
        for (List<CsvTable.Row> rows : bySubscription.values()) {
            List<Long> lines = rows.stream().map(CsvTable.Row::line).toList();
            List<CsvTable.Cells> cellsOfRows = rows.stream().map(CsvTable.Cells::new).toList();
            CsvTable.Cells first = cellsOfRows.getFirst();
            String externalId = first.required("subscription_id");
            Account account = account(first, "account_external_id");
            Boolean autoRenew = first.bool("auto_renew");
            for (CsvTable.Cells other : cellsOfRows.subList(1, cellsOfRows.size())) {
                agreeWithFirst(other, first, externalId, autoRenew);
            }
            List<SubscriptionDraft.Item> items = new ArrayList<>();
            List<RowProblem> refused = new ArrayList<>();
            for (CsvTable.Cells cells : cellsOfRows) {
                items.add(new SubscriptionDraft.Item(cells.required("plan"), cells.text("module"),
                        cells.required("seats", cells.wholeNumber("seats")), cells.required("arr", cells.money("arr")),
                        contractDay(cells, "start_date", cells.required("start_date", cells.date("start_date"))),
                        contractDay(cells, "end_date", cells.date("end_date"))));
                refused.addAll(cells.problems());
            }
            LocalDate start = items.stream().map(SubscriptionDraft.Item::startDate).filter(Objects::nonNull)
                    .min(LocalDate::compareTo).orElse(null);
            LocalDate end = items.stream().anyMatch(i -> i.endDate() == null) ? null
                    : items.stream().map(SubscriptionDraft.Item::endDate).max(LocalDate::compareTo).orElse(null);
            SubscriptionDraft draft = new SubscriptionDraft(externalId, start, end, autoRenew, items);
            apply(tally, SUBSCRIPTION_COLUMNS, new ReadRecord(lines, refused, () -> subscriptions.validate(draft),
                    () -> subscriptions.upsert(account.id(), draft)));
        }
    }

    /**
     * A day of a line item, refused in its own cell when no contract has it: the subscription's days are its
     * line items', so the service would name the first row's cell instead of the one at fault. A refused day
     * reads as empty, as other refused cells do.
     */
    private static LocalDate contractDay(CsvTable.Cells cells, String column, LocalDate day) {
        String problem = ContractDays.problem(day);
        if (problem != null) {
            cells.refuse(column, problem);
            return null;
        }
        return day;
    }

    /** The rows of one subscription name the same account and agree on auto_renew. */
    private static void agreeWithFirst(CsvTable.Cells other, CsvTable.Cells first, String externalId,
            Boolean autoRenew) {
        String account = first.text("account_external_id");
        String otherAccount = other.required("account_external_id");
        if (account != null && otherAccount != null && !otherAccount.equals(account)) {
            other.refuse("account_external_id", "subscription " + externalId + " is on account " + account
                    + " at line " + first.line() + "; all its rows must name the same account");
        }
        Boolean otherAutoRenew = other.bool("auto_renew");
        if (!other.refused("auto_renew") && !first.refused("auto_renew") && !Objects.equals(otherAutoRenew, autoRenew)) {
            other.refuse("auto_renew", "subscription " + externalId + " has auto_renew " + autoRenew + " at line "
                    + first.line() + "; all its rows must agree");
        }
    }

    private void importTickets(CsvTable table, Tally tally) {
        for (CsvTable.Row row : table.rows) {
            CsvTable.Cells cells = new CsvTable.Cells(row);
            Account account = account(cells, "account_external_id");
            TicketDraft draft = new TicketDraft(cells.required("ticket_id"), cells.text("subject"),
                    cells.label("status", TicketStatus.class), cells.label("priority", TicketPriority.class),
                    cells.bool("escalated"), cells.required("created_at", cells.timestamp("created_at")),
                    cells.timestamp("solved_at"), cells.label("satisfaction", Satisfaction.class), CSV_SOURCE);
            apply(tally, TICKET_COLUMNS, new ReadRecord(List.of(row.line()), cells.problems(),
                    () -> tickets.validate(draft), () -> tickets.upsert(account.id(), draft)));
        }
    }

    private void importSurveys(CsvTable table, Tally tally) {
        for (CsvTable.Row row : table.rows) {
            CsvTable.Cells cells = new CsvTable.Cells(row);
            Account account = account(cells, "account_external_id");
            SurveyDraft draft = new SurveyDraft(cells.required("response_id"),
                    cells.required("kind", cells.label("kind", SurveyKind.class)),
                    cells.required("score", cells.wholeNumber("score")), cells.text("comment"),
                    cells.text("respondent_email"), cells.required("responded_at", cells.timestamp("responded_at")),
                    CSV_SOURCE);
            apply(tally, SURVEY_COLUMNS, new ReadRecord(List.of(row.line()), cells.problems(),
                    () -> surveys.validate(draft), () -> surveys.upsert(account.id(), draft)));
        }
    }

    private void importInvoices(CsvTable table, Tally tally) {
        for (CsvTable.Row row : table.rows) {
            CsvTable.Cells cells = new CsvTable.Cells(row);
            Account account = account(cells, "account_external_id");
            InvoiceDraft draft = new InvoiceDraft(cells.required("invoice_id"), cells.text("number"),
                    cells.required("currency"), cells.required("amount_due", cells.money("amount_due")),
                    cells.money("amount_paid"), cells.required("issued_on", cells.date("issued_on")),
                    cells.date("due_on"), cells.date("paid_on"), cells.label("status", InvoiceStatus.class),
                    CSV_SOURCE);
            apply(tally, INVOICE_COLUMNS, new ReadRecord(List.of(row.line()), cells.problems(),
                    () -> invoices.validate(draft), () -> invoices.upsert(account.id(), draft)));
        }
    }

    /** One ask per row; the contact, when given, is found by email among the account's contacts. */
    private void importFeatureRequests(CsvTable table, Tally tally) {
        for (CsvTable.Row row : table.rows) {
            CsvTable.Cells cells = new CsvTable.Cells(row);
            Account account = account(cells, "account_external_id");
            String email = cells.text("contact_email");
            Long contactId = null;
            if (account != null && email != null) {
                contactId = stakeholders.list(account.id()).stream().filter(s -> s.email() != null
                        && s.email().equalsIgnoreCase(email.trim())).map(s -> s.id()).findFirst().orElse(null);
                if (contactId == null) {
                    cells.refuse("contact_email", "no contact with email " + email + " at " + account.name());
                }
            }
            AskDraft draft = new AskDraft(null, cells.required("title"), contactId, cells.text("words"),
                    cells.date("asked_on"), AskSource.CSV, null, null);
            apply(tally, ASK_COLUMNS, new ReadRecord(List.of(row.line()), cells.problems(),
                    () -> featureRequests.validate(draft), () -> featureRequests.importAsk(account.id(), draft)));
        }
    }

    /** The account a row names in {@code column}; null, with the cell refused, when there is none. */
    private Account account(CsvTable.Cells cells, String column) {
        String externalId = cells.required(column);
        if (externalId == null) {
            return null;
        }
        Account account = accounts.findByExternalId(externalId).orElse(null);
        if (account == null) {
            cells.refuse(column, "no account with external id " + externalId);
        }
        return account;
    }

    /**
     * Applies a record read from a CSV file. One with refused cells is not written; the record's own rules
     * still judge its other cells, so that the row reports all its problems at once, except cells whose
     * rule involves another cell (solved_at after created_at): a refused cell reads as empty there.
     */
    private void apply(Tally tally, Columns columns, ReadRecord record) {
        if (record.refused().isEmpty()) {
            apply(tally, record.lines(), columns.byField(), record.upsert());
            return;
        }
        tally.advance(record.lines().size());
        tally.problems.addAll(record.refused());
        try {
            record.check().run();
        } catch (InvalidInput e) {
            e.problems().stream().map(problem -> locate(problem, record.lines(), columns.byField()))
                    .filter(p -> p.column() != null && !columns.judgedWithOthers().contains(p.column()))
                    .distinct().filter(p -> tally.problems.stream().noneMatch(q -> q.line() == p.line()
                            && Objects.equals(q.column(), p.column())))
                    .forEach(tally.problems::add);
        }
    }

    /**
     * Applies one record in its own savepoint. A problem rolls back just that record and is reported
     * against its line(s) and column.
     */
    private void apply(Tally tally, List<Long> lines, Map<String, String> columns, Supplier<UpsertOutcome> work) {
        tally.advance(lines.size());
        try {
            UpsertOutcome outcome = savepoint.execute(status -> work.get());
            switch (Objects.requireNonNull(outcome)) {
                case CREATED -> tally.created++;
                case UPDATED -> tally.updated++;
                case UNCHANGED -> tally.unchanged++;
            }
        } catch (CsvTable.CellProblem e) {
            tally.problems.add(e.problem);
        } catch (InvalidInput e) {
            e.problems().stream().map(problem -> locate(problem, lines, columns)).distinct()
                    .filter(p -> tally.problems.stream().noneMatch(q -> q.line() == p.line()
                            && Objects.equals(q.column(), p.column())))
                    .forEach(tally.problems::add);
        } catch (Conflict | NotFound e) {
            tally.problems.add(new RowProblem(lines.getFirst(), null, e.getMessage()));
        } catch (org.springframework.dao.DataAccessException e) {
            tally.problems.add(new RowProblem(lines.getFirst(), null,
                    "the database refused this row: " + e.getMostSpecificCause().getMessage()));
        }
    }

    /** Maps a field named by a service (e.g. {@code lineItems[2].arr}) back to a line and column. */
    private static RowProblem locate(InvalidInput.Problem problem, List<Long> lines, Map<String, String> columns) {
        String field = problem.field() == null ? "" : problem.field();
        long line = lines.getFirst();
        Matcher item = ITEM_FIELD.matcher(field);
        if (item.matches()) {
            int index = Integer.parseInt(item.group(1));
            line = index < lines.size() ? lines.get(index) : line;
            field = item.group(2).isEmpty() ? "lineItems" : item.group(2);
        }
        return new RowProblem(line, columns.getOrDefault(field, field.isEmpty() ? null : field), problem.reason());
    }

    /** Orders account rows so that a parent defined in the same file is imported before its children. */
    private static List<CsvTable.Row> parentsFirst(List<CsvTable.Row> rows) {
        Map<String, CsvTable.Row> byId = new HashMap<>();
        rows.forEach(row -> byId.putIfAbsent(Objects.requireNonNullElse(row.get("external_id"), ""), row));
        Map<CsvTable.Row, Integer> depth = new HashMap<>();
        for (CsvTable.Row row : rows) {
            int d = 0;
            CsvTable.Row cursor = row;
            while (cursor.get("parent_external_id") != null && byId.containsKey(cursor.get("parent_external_id"))
                    && d < rows.size()) {
                cursor = byId.get(cursor.get("parent_external_id"));
                d++;
            }
            depth.put(row, d);
        }
        return rows.stream().sorted(Comparator.comparingInt(depth::get)).toList();
    }

    /**
     * A file's columns by the field names its service reports problems under, and the columns whose rule
     * involves another cell of the record.
     */
    private record Columns(Map<String, String> byField, Set<String> judgedWithOthers) {
    }

    /**
     * One record read from one or more rows: its lines, its refused cells, a check of its own rules that
     * writes nothing, and the write.
     */
    private record ReadRecord(List<Long> lines, List<RowProblem> refused, Runnable check,
            Supplier<UpsertOutcome> upsert) {
    }

    /** Told as rows are imported: {@code done} of {@code of} (records of several rows count all of theirs). */
    @FunctionalInterface
    public interface RowsDone {
        void done(int done, int of);
    }

    static final class Tally {
        int created;
        int updated;
        int unchanged;
        final List<RowProblem> problems = new ArrayList<>();
        int rowsDone;
        java.util.function.IntConsumer progress = done -> { };

        void advance(int rows) {
            rowsDone += rows;
            progress.accept(rowsDone);
        }
    }
}
