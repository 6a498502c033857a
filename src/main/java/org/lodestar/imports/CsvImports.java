package org.lodestar.imports;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
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
import org.lodestar.revenue.SubscriptionDraft;
import org.lodestar.revenue.Subscriptions;
import org.lodestar.web.Conflict;
import org.lodestar.web.InvalidInput;
import org.lodestar.web.NotFound;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Imports Lodestar's CSV formats. Every row is checked and applied inside one transaction, each
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
    private static final Pattern ITEM_FIELD = Pattern.compile("^lineItems\\[(\\d+)]\\.?(.*)$");

    private final Accounts accounts;
    private final Stakeholders stakeholders;
    private final Subscriptions subscriptions;
    private final TransactionTemplate outer;
    private final TransactionTemplate savepoint;

    CsvImports(Accounts accounts, Stakeholders stakeholders, Subscriptions subscriptions,
            PlatformTransactionManager transactions) {
        this.accounts = accounts;
        this.stakeholders = stakeholders;
        this.subscriptions = subscriptions;
        this.outer = new TransactionTemplate(transactions);
        this.savepoint = new TransactionTemplate(transactions);
        this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
    }

    /** Imports one file of the given kind as {@code by}; the audit log names the file and the person. */
    public ImportReport run(ImportKind kind, byte[] content, String source, boolean partial, Actor by) {
        CsvTable table;
        try {
            table = CsvTable.read(content, kind.required(), kind.optional());
        } catch (CsvTable.FileProblem e) {
            return new ImportReport(kind.label(), source, 0, 0, 0, 0, List.of(e.problem), false);
        }
        return Actors.runAs(Actor.importOf(source, by), () -> outer.execute(status -> {
            Tally tally = new Tally();
            switch (kind) {
                case ACCOUNTS -> importAccounts(table, tally);
                case STAKEHOLDERS -> importStakeholders(table, tally);
                case SUBSCRIPTIONS -> importSubscriptions(table, tally);
            }
            boolean commit = partial || tally.problems.isEmpty();
            if (!commit) {
                status.setRollbackOnly();
            }
            tally.problems.sort(Comparator.comparingLong(RowProblem::line));
            return new ImportReport(kind.label(), source, table.rows.size(), tally.created, tally.updated,
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

    private static final class Tally {
        int created;
        int updated;
        int unchanged;
        final List<RowProblem> problems = new ArrayList<>();
    }
}
