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
import org.lodestar.audit.Actor;
import org.lodestar.audit.Actors;
import org.lodestar.billing.InvoiceDraft;
import org.lodestar.billing.InvoiceStatus;
import org.lodestar.billing.Invoices;
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
import org.lodestar.web.Conflict;
import org.lodestar.web.InvalidInput;
import org.lodestar.web.NotFound;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Imports Lodestar's CSV formats and other systems' JSON exports (through {@link JsonFeeds}). Every row is checked and applied inside one transaction, each
 * row in its own savepoint; a file with any bad row commits nothing unless {@code partial} is asked
 * for, in which case the good rows commit and the bad ones are reported. Rows upsert by external
 * id, so importing the same file twice changes nothing the second time.
 */
@Service
public class CsvImports {

    private static final Map<String, String> ACCOUNT_COLUMNS = Map.of("externalId", "external_id", "name", "name",
            "owner", "owner_email", "parent", "parent_external_id", "billingId", "billing_id");
    private static final Map<String, String> STAKEHOLDER_COLUMNS = Map.of("email", "email", "name", "name",
            "role", "role", "leftOn", "left_on", "status", "status");
    private static final Map<String, String> SUBSCRIPTION_COLUMNS = Map.of("externalId", "subscription_id",
            "plan", "plan", "seats", "seats", "arr", "arr", "startDate", "start_date", "endDate", "end_date",
            "lineItems", "plan", "account", "account_external_id");
    private static final Map<String, String> TICKET_COLUMNS = Map.of("externalId", "ticket_id", "subject", "subject",
            "createdAt", "created_at", "solvedAt", "solved_at");
    private static final Map<String, String> SURVEY_COLUMNS = Map.of("externalId", "response_id", "kind", "kind",
            "score", "score", "comment", "comment", "respondentEmail", "respondent_email", "respondedAt", "responded_at");
    private static final Map<String, String> INVOICE_COLUMNS = Map.of("externalId", "invoice_id", "number", "number",
            "currency", "currency", "amountDue", "amount_due", "amountPaid", "amount_paid", "issuedOn", "issued_on",
            "dueOn", "due_on", "paidOn", "paid_on", "status", "status");
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
    private final TransactionTemplate outer;
    private final TransactionTemplate savepoint;

    CsvImports(Accounts accounts, Stakeholders stakeholders, Subscriptions subscriptions, SupportTickets tickets,
            SurveyResponses surveys, Invoices invoices, JsonFeeds feeds, PlatformTransactionManager transactions) {
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
                    case ZENDESK_TICKETS, STRIPE_INVOICES -> throw new IllegalStateException(kind + " is JSON");
                }
            };
        }
        return Actors.runAs(Actor.importOf(source, by), () -> outer.execute(status -> {
            Tally tally = new Tally();
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
            apply(tally, List.of(row.line()), ACCOUNT_COLUMNS, () -> {
                Account existing = accounts.findByExternalId(CsvTable.required(row, "external_id")).orElse(null);
                return accounts.upsert(new AccountDraft(row.get("external_id"),
                        given(row.get("billing_id"), existing, Account::billingId),
                        given(row.get("product_group_id"), existing, Account::productGroupId),
                        CsvTable.required(row, "name"),
                        given(row.get("domain"), existing, Account::domain),
                        given(row.get("industry"), existing, Account::industry),
                        given(row.get("country"), existing, Account::country),
                        given(row.get("owner_email"), existing, a -> a.owner() == null ? null : a.owner().email()),
                        given(row.get("parent_external_id"), existing,
                                a -> a.parent() == null ? null : a.parent().externalId()),
                        given(CsvTable.label(row, "lifecycle_stage", LifecycleStage.class), existing, Account::stage),
                        given(CsvTable.label(row, "coverage_model", CoverageModel.class), existing, Account::coverage)),
                        existing);
            });
        }
    }

    private static <T> T given(T value, Account existing, java.util.function.Function<Account, T> current) {
        return value != null || existing == null ? value : current.apply(existing);
    }

    private void importStakeholders(CsvTable table, Tally tally) {
        for (CsvTable.Row row : table.rows) {
            apply(tally, List.of(row.line()), STAKEHOLDER_COLUMNS, () -> {
                Account account = account(row, "account_external_id");
                return stakeholders.upsert(account.id(), new StakeholderDraft(CsvTable.required(row, "email"),
                        CsvTable.required(row, "name"), row.get("title"),
                        CsvTable.label(row, "role", StakeholderRole.class),
                        CsvTable.label(row, "status", StakeholderStatus.class), CsvTable.date(row, "left_on")));
            });
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
            apply(tally, lines, SUBSCRIPTION_COLUMNS, () -> {
                CsvTable.Row first = rows.getFirst();
                String externalId = CsvTable.required(first, "subscription_id");
                Account account = account(first, "account_external_id");
                Boolean autoRenew = CsvTable.bool(first, "auto_renew");
                List<SubscriptionDraft.Item> items = new ArrayList<>();
                for (CsvTable.Row row : rows) {
                    if (!Objects.equals(row.get("account_external_id"), first.get("account_external_id"))) {
                        throw new CsvTable.CellProblem(new RowProblem(row.line(), "account_external_id",
                                "subscription " + externalId + " is on account " + first.get("account_external_id")
                                        + " at line " + first.line() + "; all its rows must name the same account"));
                    }
                    if (!Objects.equals(CsvTable.bool(row, "auto_renew"), autoRenew)) {
                        throw new CsvTable.CellProblem(new RowProblem(row.line(), "auto_renew",
                                "subscription " + externalId + " has auto_renew " + autoRenew + " at line "
                                        + first.line() + "; all its rows must agree"));
                    }
                    items.add(new SubscriptionDraft.Item(CsvTable.required(row, "plan"), row.get("module"),
                            CsvTable.wholeNumber(row, "seats"), CsvTable.amount(row, "arr"),
                            CsvTable.date(row, "start_date"), CsvTable.date(row, "end_date")));
                }
                LocalDate start = items.stream().map(SubscriptionDraft.Item::startDate).filter(Objects::nonNull)
                        .min(LocalDate::compareTo).orElse(null);
                LocalDate end = items.stream().anyMatch(i -> i.endDate() == null) ? null
                        : items.stream().map(SubscriptionDraft.Item::endDate).max(LocalDate::compareTo).orElse(null);
                return subscriptions.upsert(account.id(), new SubscriptionDraft(externalId, start, end, autoRenew, items));
            });
        }
    }

    private void importTickets(CsvTable table, Tally tally) {
        for (CsvTable.Row row : table.rows) {
            apply(tally, List.of(row.line()), TICKET_COLUMNS, () -> {
                Account account = account(row, "account_external_id");
                return tickets.upsert(account.id(), new TicketDraft(CsvTable.required(row, "ticket_id"),
                        row.get("subject"), CsvTable.label(row, "status", TicketStatus.class),
                        CsvTable.label(row, "priority", TicketPriority.class), CsvTable.bool(row, "escalated"),
                        required(row, "created_at", CsvTable.instant(row, "created_at")),
                        CsvTable.instant(row, "solved_at"), CsvTable.label(row, "satisfaction", Satisfaction.class),
                        CSV_SOURCE));
            });
        }
    }

    private void importSurveys(CsvTable table, Tally tally) {
        for (CsvTable.Row row : table.rows) {
            apply(tally, List.of(row.line()), SURVEY_COLUMNS, () -> {
                Account account = account(row, "account_external_id");
                return surveys.upsert(account.id(), new SurveyDraft(CsvTable.required(row, "response_id"),
                        required(row, "kind", CsvTable.label(row, "kind", SurveyKind.class)),
                        required(row, "score", CsvTable.wholeNumber(row, "score")), row.get("comment"),
                        row.get("respondent_email"),
                        required(row, "responded_at", CsvTable.instant(row, "responded_at")), CSV_SOURCE));
            });
        }
    }

    private void importInvoices(CsvTable table, Tally tally) {
        for (CsvTable.Row row : table.rows) {
            apply(tally, List.of(row.line()), INVOICE_COLUMNS, () -> {
                Account account = account(row, "account_external_id");
                return invoices.upsert(account.id(), new InvoiceDraft(CsvTable.required(row, "invoice_id"),
                        row.get("number"), CsvTable.required(row, "currency"),
                        required(row, "amount_due", CsvTable.amount(row, "amount_due")),
                        CsvTable.amount(row, "amount_paid"),
                        required(row, "issued_on", CsvTable.date(row, "issued_on")), CsvTable.date(row, "due_on"),
                        CsvTable.date(row, "paid_on"), CsvTable.label(row, "status", InvoiceStatus.class), CSV_SOURCE));
            });
        }
    }

    private static <T> T required(CsvTable.Row row, String column, T value) {
        if (value == null) {
            throw new CsvTable.CellProblem(new RowProblem(row.line(), column, "required, but empty"));
        }
        return value;
    }

    private Account account(CsvTable.Row row, String column) {
        String externalId = CsvTable.required(row, column);
        return accounts.findByExternalId(externalId).orElseThrow(() -> new CsvTable.CellProblem(
                new RowProblem(row.line(), column, "no account with external id " + externalId)));
    }

    /**
     * Applies one record in its own savepoint. A problem rolls back just that record and is reported
     * against its line(s) and column.
     */
    private void apply(Tally tally, List<Long> lines, Map<String, String> columns, Supplier<UpsertOutcome> work) {
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

    static final class Tally {
        int created;
        int updated;
        int unchanged;
        final List<RowProblem> problems = new ArrayList<>();
    }
}
