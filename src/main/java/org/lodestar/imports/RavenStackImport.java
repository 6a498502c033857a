package org.lodestar.imports;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import org.lodestar.accounts.AccountDraft;
import org.lodestar.accounts.Accounts;
import org.lodestar.accounts.LifecycleStage;
import org.lodestar.accounts.SegmentBands;
import org.lodestar.accounts.UpsertOutcome;
import org.lodestar.audit.Actor;
import org.lodestar.audit.Actors;
import org.lodestar.revenue.SubscriptionDraft;
import org.lodestar.revenue.Subscriptions;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Loads the RavenStack data set's accounts and subscriptions. Its subscriptions overlap and its
 * churn flags disagree with its churn events, so the import applies written policies (see
 * docs/ravenstack.md) and reports what it decided. All or nothing; re-running changes nothing.
 */
@Service
public class RavenStackImport {

    static final String ACCOUNTS = "ravenstack_accounts.csv";
    static final String SUBSCRIPTIONS = "ravenstack_subscriptions.csv";
    static final String CHURN_EVENTS = "ravenstack_churn_events.csv";
    private static final List<String> ACCOUNT_COLUMNS = List.of("account_id", "account_name", "industry", "country",
            "signup_date", "referral_source", "plan_tier", "seats", "is_trial", "churn_flag");
    private static final List<String> SUBSCRIPTION_COLUMNS = List.of("subscription_id", "account_id", "start_date",
            "end_date", "plan_tier", "seats", "mrr_amount", "arr_amount", "is_trial", "upgrade_flag",
            "downgrade_flag", "churn_flag", "billing_frequency", "auto_renew_flag");
    private static final List<String> CHURN_COLUMNS = List.of("churn_event_id", "account_id", "churn_date",
            "reason_code", "refund_amount_usd", "preceding_upgrade_flag", "preceding_downgrade_flag",
            "is_reactivation", "feedback_text");
    private static final int ONBOARDING_DAYS = 90;
    private static final int ADOPTION_DAYS = 365;

    /** What the import did and decided, line by line, for the person who ran it. */
    public record Report(boolean committed, List<String> lines) {
    }

    /** One paid subscription as the data set states it. */
    record Contract(String id, String accountId, LocalDate start, LocalDate end, String plan, int seats,
            BigDecimal arr, boolean autoRenew) {
    }

    /** A contract after the overlap policy: its end is cut where the next one starts. */
    record Placed(Contract contract, LocalDate end, boolean superseded) {

        boolean runsOn(LocalDate day) {
            return !contract.start().isAfter(day) && (end == null || end.isAfter(day));
        }
    }

    private final Accounts accounts;
    private final Subscriptions subscriptions;
    private final SegmentBands segments;
    private final TransactionTemplate transaction;

    RavenStackImport(Accounts accounts, Subscriptions subscriptions, SegmentBands segments,
            PlatformTransactionManager transactions) {
        this.accounts = accounts;
        this.subscriptions = subscriptions;
        this.segments = segments;
        this.transaction = new TransactionTemplate(transactions);
    }

    public Report run(Path folder, Actor by, Consumer<String> progress) {
        List<String> lines = new ArrayList<>();
        List<RowProblem> problems = new ArrayList<>();
        CsvTable accountTable = read(folder, ACCOUNTS, ACCOUNT_COLUMNS, problems);
        CsvTable subscriptionTable = read(folder, SUBSCRIPTIONS, SUBSCRIPTION_COLUMNS, problems);
        CsvTable churnTable = read(folder, CHURN_EVENTS, CHURN_COLUMNS, problems);
        if (!problems.isEmpty()) {
            problems.forEach(p -> lines.add("  rejected " + p));
            lines.add("Nothing imported: the data set's files are not as expected.");
            return new Report(false, lines);
        }
        progress.accept("Read " + accountTable.rows.size() + " accounts, " + subscriptionTable.rows.size()
                + " subscriptions and " + churnTable.rows.size() + " churn events from " + folder);

        Map<String, CsvTable.Row> accountRows = new LinkedHashMap<>();
        Map<String, List<Contract>> contracts = new HashMap<>();
        int trials = 0;
        int neverRan = 0;
        for (CsvTable.Row row : accountTable.rows) {
            attempt(problems, ACCOUNTS, () -> accountRows.put(CsvTable.required(row, "account_id"), row));
        }
        for (CsvTable.Row row : subscriptionTable.rows) {
            Boolean trial = attempt(problems, SUBSCRIPTIONS, () -> CsvTable.bool(row, "is_trial"));
            if (Boolean.TRUE.equals(trial)) {
                trials++;
                continue;
            }
            Contract contract = attempt(problems, SUBSCRIPTIONS, () -> contract(row));
            if (contract != null && contract.end() != null && !contract.end().isAfter(contract.start())) {
                neverRan++;
            } else if (contract != null && !accountRows.containsKey(contract.accountId())) {
                problems.add(new RowProblem(row.line(), "account_id", SUBSCRIPTIONS + ": no account "
                        + contract.accountId() + " in " + ACCOUNTS));
            } else if (contract != null) {
                contracts.computeIfAbsent(contract.accountId(), k -> new ArrayList<>()).add(contract);
            }
        }
        Set<String> withChurnEvents = new HashSet<>();
        for (CsvTable.Row row : churnTable.rows) {
            attempt(problems, CHURN_EVENTS, () -> {
                CsvTable.required(row, "churn_date");
                CsvTable.date(row, "churn_date");
                return withChurnEvents.add(CsvTable.required(row, "account_id"));
            });
        }
        if (!problems.isEmpty()) {
            problems.stream().map(p -> "  rejected " + p).forEach(lines::add);
            lines.add("Nothing imported: " + problems.size() + " bad row(s).");
            return new Report(false, lines);
        }

        LocalDate asOf = contracts.values().stream().flatMap(List::stream)
                .flatMap(c -> c.end() == null ? java.util.stream.Stream.of(c.start())
                        : java.util.stream.Stream.of(c.start(), c.end()))
                .max(LocalDate::compareTo).orElse(subscriptions.today());
        Map<String, List<Placed>> placed = new HashMap<>();
        int superseded = 0;
        int sameDay = 0;
        for (var entry : contracts.entrySet()) {
            List<Placed> list = place(entry.getValue());
            superseded += (int) list.stream().filter(Placed::superseded).count();
            sameDay += entry.getValue().size() - list.size();
            placed.put(entry.getKey(), list);
        }

        Tallies tallies = Actors.runAs(Actor.importOf(folder.getFileName() + " (RavenStack)", by),
                () -> transaction.execute(status -> load(accountRows, placed, asOf, progress)));

        int flaggedButActive = 0;
        int flaggedWithoutEvent = 0;
        int eventButActive = 0;
        int churnedWithoutFlag = 0;
        Set<String> churned = new HashSet<>(tallies.churned);
        for (var entry : accountRows.entrySet()) {
            boolean flagged = "true".equalsIgnoreCase(entry.getValue().get("churn_flag"));
            boolean hasEvent = withChurnEvents.contains(entry.getKey());
            boolean isChurned = churned.contains(entry.getKey());
            if (flagged && !isChurned) {
                flaggedButActive++;
            }
            if (flagged && !hasEvent) {
                flaggedWithoutEvent++;
            }
            if (hasEvent && !isChurned) {
                eventButActive++;
            }
            if (isChurned && !flagged) {
                churnedWithoutFlag++;
            }
        }
        lines.add("Accounts: " + accountRows.size() + " read; " + tallies.accounts.created + " created, "
                + tallies.accounts.updated + " updated, " + tallies.accounts.unchanged + " unchanged.");
        lines.add("Subscriptions: " + subscriptionTable.rows.size() + " read; " + trials
                + " free trials skipped (no ARR, not a contract); " + tallies.subscriptions.created + " created, "
                + tallies.subscriptions.updated + " updated, " + tallies.subscriptions.unchanged + " unchanged.");
        lines.add("Overlaps: " + superseded + " paid subscriptions were still running when a later one on the same "
                + "account started; decided: the later subscription replaces the earlier (a plan change), which ends "
                + "the day the later one starts.");
        lines.add("Never ran: " + neverRan + " paid subscriptions end on or before the day they start; decided: not "
                + "loaded (a contract must run at least a day), reported here.");
        lines.add("Overlaps: " + sameDay + " paid subscriptions were replaced on the day they started; decided: "
                + "not loaded (they never ran a full day).");
        lines.add("Churn: the data set ends on " + asOf + "; " + churned.size() + " accounts have no running "
                + "contract then and are marked churned. Decided: contracts decide whether an account churned; "
                + "flags and events that disagree are reported, not applied.");
        lines.add("Churn flags: " + flaggedButActive + " accounts flagged churned in " + ACCOUNTS
                + " still have a running subscription on " + asOf + " (kept active); " + churnedWithoutFlag
                + " churned by their contracts are not flagged.");
        lines.add("Churn events: " + churnTable.rows.size() + " events on " + withChurnEvents.size() + " accounts; "
                + eventButActive + " of those accounts still have a running subscription (events kept for the "
                + "churn history, not applied to contracts); " + flaggedWithoutEvent
                + " flagged accounts have no churn event.");
        lines.add("Stages as of " + asOf + ": onboarding if the first paid contract began within " + ONBOARDING_DAYS
                + " days, adoption within " + ADOPTION_DAYS + " days, otherwise mature; churned as above. "
                + "RavenStack has no owners: the accounts are unassigned.");
        return new Report(true, lines);
    }

    /** Sorts an account's paid contracts by start; each ends no later than the next one starts. */
    static List<Placed> place(List<Contract> contracts) {
        List<Contract> sorted = contracts.stream()
                .sorted(Comparator.comparing(Contract::start).thenComparing(Contract::id)).toList();
        List<Placed> placed = new ArrayList<>();
        for (int i = 0; i < sorted.size(); i++) {
            Contract contract = sorted.get(i);
            LocalDate nextStart = i + 1 < sorted.size() ? sorted.get(i + 1).start() : null;
            if (nextStart != null && !nextStart.isAfter(contract.start())) {
                continue;
            }
            boolean cut = nextStart != null && (contract.end() == null || contract.end().isAfter(nextStart));
            placed.add(new Placed(contract, cut ? nextStart : contract.end(), cut));
        }
        return placed;
    }

    private record Counts(int created, int updated, int unchanged) {
        Counts plus(UpsertOutcome outcome) {
            return switch (outcome) {
                case CREATED -> new Counts(created + 1, updated, unchanged);
                case UPDATED -> new Counts(created, updated + 1, unchanged);
                case UNCHANGED -> new Counts(created, updated, unchanged + 1);
            };
        }
    }

    private record Tallies(Counts accounts, Counts subscriptions, List<String> churned) {
    }

    private Tallies load(Map<String, CsvTable.Row> accountRows, Map<String, List<Placed>> placed, LocalDate asOf,
            Consumer<String> progress) {
        Counts accountCounts = new Counts(0, 0, 0);
        Counts subscriptionCounts = new Counts(0, 0, 0);
        List<String> churned = new ArrayList<>();
        int done = 0;
        for (var entry : accountRows.entrySet()) {
            CsvTable.Row row = entry.getValue();
            List<Placed> list = placed.getOrDefault(entry.getKey(), List.of());
            BigDecimal arrAtEnd = list.stream()
                    .filter(p -> p.runsOn(asOf))
                    .map(p -> p.contract().arr()).reduce(BigDecimal.ZERO, BigDecimal::add);
            LifecycleStage stage = stage(list, asOf);
            if (stage == LifecycleStage.CHURNED) {
                churned.add(entry.getKey());
            }
            accountCounts = accountCounts.plus(accounts.upsert(new AccountDraft(entry.getKey(), null, null,
                    row.get("account_name"), null, row.get("industry"), row.get("country"), null, null, stage,
                    segments.bandFor(arrAtEnd).coverage())));
            long accountId = accounts.findByExternalId(entry.getKey()).orElseThrow().id();
            for (Placed p : list) {
                Contract c = p.contract();
                subscriptionCounts = subscriptionCounts.plus(subscriptions.upsert(accountId, new SubscriptionDraft(
                        c.id(), c.start(), p.end(), c.autoRenew(), List.of(new SubscriptionDraft.Item(c.plan(),
                                "core", c.seats(), c.arr(), c.start(), p.end())))));
            }
            if (++done % 100 == 0 || done == accountRows.size()) {
                progress.accept("  accounts " + done + "/" + accountRows.size());
            }
        }
        return new Tallies(accountCounts, subscriptionCounts, churned);
    }

    private static LifecycleStage stage(List<Placed> contracts, LocalDate asOf) {
        boolean running = contracts.stream()
                .anyMatch(p -> p.runsOn(asOf));
        if (!running) {
            return LifecycleStage.CHURNED;
        }
        LocalDate first = contracts.getFirst().contract().start();
        long days = java.time.temporal.ChronoUnit.DAYS.between(first, asOf);
        return days < ONBOARDING_DAYS ? LifecycleStage.ONBOARDING
                : days < ADOPTION_DAYS ? LifecycleStage.ADOPTION : LifecycleStage.MATURE;
    }

    private static Contract contract(CsvTable.Row row) {
        BigDecimal arr = CsvTable.amount(row, "arr_amount");
        BigDecimal mrr = CsvTable.amount(row, "mrr_amount");
        if (arr == null && mrr != null) {
            arr = mrr.multiply(BigDecimal.valueOf(12));
        }
        if (arr == null) {
            throw new CsvTable.CellProblem(new RowProblem(row.line(), "arr_amount", "required for a paid subscription"));
        }
        LocalDate start = CsvTable.date(row, "start_date");
        if (start == null) {
            throw new CsvTable.CellProblem(new RowProblem(row.line(), "start_date", "required, as YYYY-MM-DD"));
        }
        LocalDate end = CsvTable.date(row, "end_date");
        Integer seats = CsvTable.wholeNumber(row, "seats");
        return new Contract(CsvTable.required(row, "subscription_id"), CsvTable.required(row, "account_id"),
                start, end, CsvTable.required(row, "plan_tier").toLowerCase(),
                seats == null ? 0 : seats, arr, Boolean.TRUE.equals(CsvTable.bool(row, "auto_renew_flag")));
    }

    private static CsvTable read(Path folder, String name, List<String> columns, List<RowProblem> problems) {
        Path file = folder.resolve(name);
        try {
            return CsvTable.read(Files.readAllBytes(file), columns, List.of());
        } catch (IOException e) {
            problems.add(new RowProblem(0, null, "cannot read " + file + ": " + e.getMessage()));
        } catch (CsvTable.FileProblem e) {
            problems.add(new RowProblem(e.problem.line(), e.problem.column(), name + ": " + e.problem.reason()));
        }
        return null;
    }

    private static <T> T attempt(List<RowProblem> problems, String file, java.util.function.Supplier<T> work) {
        try {
            return work.get();
        } catch (CsvTable.CellProblem e) {
            problems.add(new RowProblem(e.problem.line(), e.problem.column(), file + ": " + e.problem.reason()));
            return null;
        }
    }
}
