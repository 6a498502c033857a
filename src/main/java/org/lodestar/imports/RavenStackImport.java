package org.lodestar.imports;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
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
import org.lodestar.accounts.Timeline;
import org.lodestar.accounts.TimelineKind;
import org.lodestar.accounts.UpsertOutcome;
import org.lodestar.audit.Actor;
import org.lodestar.audit.Actors;
import org.lodestar.infrastructure.StrictValues;
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
import org.lodestar.usage.UsageImports;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Loads the RavenStack data set's accounts, subscriptions, support tickets (with their satisfaction
 * scores as CSAT answers) and churn events (on the accounts' timelines). Its subscriptions overlap and its
 * churn flags disagree with its churn events, so the import applies written policies (see
 * docs/ravenstack.md) and reports what it decided. All or nothing; re-running changes nothing.
 */
@Service
public class RavenStackImport {

    static final String ACCOUNTS = "ravenstack_accounts.csv";
    static final String SUBSCRIPTIONS = "ravenstack_subscriptions.csv";
    static final String CHURN_EVENTS = "ravenstack_churn_events.csv";
    static final String SUPPORT_TICKETS = "ravenstack_support_tickets.csv";
    static final String FEATURE_USAGE = "ravenstack_feature_usage.csv";
    private static final List<String> USAGE_COLUMNS = List.of("usage_id", "subscription_id", "usage_date",
            "feature_name", "usage_count", "usage_duration_secs", "error_count", "is_beta_feature");
    private static final List<String> TICKET_COLUMNS = List.of("ticket_id", "account_id", "submitted_at", "closed_at",
            "resolution_time_hours", "priority", "first_response_time_minutes", "satisfaction_score",
            "escalation_flag");
    /** Source of what this adapter writes, and the suffix of the CSAT answer made from a ticket's score. */
    private static final String SOURCE = "ravenstack";
    static final String CSAT_SUFFIX = "-csat";
    /** YYYY-MM-DD: a moment given as a day. */
    private static final int DAY_LENGTH = 10;
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

    /** A support ticket as the data set states it, and the CSAT answer its satisfaction score becomes. */
    record SupportRecord(String accountId, TicketDraft ticket, SurveyDraft csat) {
    }

    /** A churn event, for the account's timeline. */
    record ChurnEvent(String id, String accountId, LocalDate date, String reason, BigDecimal refund,
            boolean afterUpgrade, boolean afterDowngrade, boolean reactivation, String feedback) {

        String subject() {
            return "Churn event " + id + ": " + reason + (reactivation ? " (reactivation)" : "");
        }

        String body() {
            StringBuilder body = new StringBuilder("Reason: ").append(reason).append('.');
            if (feedback != null) {
                body.append(" Feedback: \"").append(feedback).append("\".");
            }
            body.append(" Refund: ").append(refund == null ? "none" : refund.setScale(2, java.math.RoundingMode.HALF_UP)
                    .toPlainString() + " USD").append('.');
            if (afterUpgrade) {
                body.append(" Preceded by an upgrade.");
            }
            if (afterDowngrade) {
                body.append(" Preceded by a downgrade.");
            }
            if (reactivation) {
                body.append(" Marked as a reactivation in the data set.");
            }
            return body.append(" (RavenStack churn event)").toString();
        }
    }

    private final Accounts accounts;
    private final Subscriptions subscriptions;
    private final SegmentBands segments;
    private final SupportTickets tickets;
    private final SurveyResponses surveys;
    private final Timeline timeline;
    private final UsageImports usageImports;
    private final TransactionTemplate transaction;

    RavenStackImport(Accounts accounts, Subscriptions subscriptions, SegmentBands segments, SupportTickets tickets,
            SurveyResponses surveys, Timeline timeline, UsageImports usageImports, PlatformTransactionManager transactions) {
        this.usageImports = usageImports;
        this.accounts = accounts;
        this.subscriptions = subscriptions;
        this.segments = segments;
        this.tickets = tickets;
        this.surveys = surveys;
        this.timeline = timeline;
        this.transaction = new TransactionTemplate(transactions);
    }

    public Report run(Path folder, Actor by, Consumer<String> progress) {
        List<String> lines = new ArrayList<>();
        List<RowProblem> problems = new ArrayList<>();
        CsvTable accountTable = read(folder, ACCOUNTS, ACCOUNT_COLUMNS, problems);
        CsvTable subscriptionTable = read(folder, SUBSCRIPTIONS, SUBSCRIPTION_COLUMNS, problems);
        CsvTable churnTable = read(folder, CHURN_EVENTS, CHURN_COLUMNS, problems);
        CsvTable ticketTable = read(folder, SUPPORT_TICKETS, TICKET_COLUMNS, problems);
        CsvTable usageTable = read(folder, FEATURE_USAGE, USAGE_COLUMNS, problems);
        if (!problems.isEmpty()) {
            problems.forEach(p -> lines.add("  rejected " + p));
            lines.add("Nothing imported: the data set's files are not as expected.");
            return new Report(false, lines);
        }
        progress.accept("Read " + accountTable.rows.size() + " accounts, " + subscriptionTable.rows.size()
                + " subscriptions, " + churnTable.rows.size() + " churn events and " + ticketTable.rows.size()
                + " support tickets and " + usageTable.rows.size() + " feature usage rows from " + folder);

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
        List<ChurnEvent> churnEvents = new ArrayList<>();
        for (CsvTable.Row row : churnTable.rows) {
            ChurnEvent event = attempt(problems, CHURN_EVENTS, () -> churnEvent(row));
            if (event != null && !accountRows.containsKey(event.accountId())) {
                problems.add(new RowProblem(row.line(), "account_id", CHURN_EVENTS + ": no account "
                        + event.accountId() + " in " + ACCOUNTS));
            } else if (event != null) {
                withChurnEvents.add(event.accountId());
                churnEvents.add(event);
            }
        }
        List<SupportRecord> support = new ArrayList<>();
        int closedBeforeOpened = 0;
        for (CsvTable.Row row : ticketTable.rows) {
            SupportRecord record = attempt(problems, SUPPORT_TICKETS, () -> supportRecord(row));
            if (record == null) {
                continue;
            }
            if (!accountRows.containsKey(record.accountId())) {
                problems.add(new RowProblem(row.line(), "account_id", SUPPORT_TICKETS + ": no account "
                        + record.accountId() + " in " + ACCOUNTS));
            } else if (record.ticket().solvedAt() != null
                    && record.ticket().solvedAt().isBefore(record.ticket().createdAt())) {
                closedBeforeOpened++;
            } else {
                support.add(record);
            }
        }
        Map<String, String> accountOfSubscription = new HashMap<>();
        for (CsvTable.Row row : subscriptionTable.rows) {
            accountOfSubscription.put(row.get("subscription_id"), row.get("account_id"));
        }
        // Daily events per account and feature; rows sharing a usage id are different records (the data set's
        // ids collide), so each row counts.
        Map<FeatureDay, Long> usage = new LinkedHashMap<>();
        Set<String> usageIds = new HashSet<>();
        int repeatedUsageIds = 0;
        for (CsvTable.Row row : usageTable.rows) {
            FeatureDay day = attempt(problems, FEATURE_USAGE, () -> featureDay(row, accountOfSubscription));
            Integer count = attempt(problems, FEATURE_USAGE, () -> CsvTable.wholeNumber(row, "usage_count"));
            if (day == null || count == null) {
                continue;
            }
            if (count < 0) {
                problems.add(new RowProblem(row.line(), "usage_count", FEATURE_USAGE + ": expected 0 or more, got "
                        + count));
                continue;
            }
            if (!accountRows.containsKey(day.accountId())) {
                problems.add(new RowProblem(row.line(), "subscription_id", FEATURE_USAGE + ": the subscription's "
                        + "account " + day.accountId() + " is not in " + ACCOUNTS));
                continue;
            }
            if (!usageIds.add(row.get("usage_id"))) {
                repeatedUsageIds++;
            }
            usage.merge(day, (long) count, Long::sum);
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
                () -> transaction.execute(status -> load(accountRows, placed, asOf, support, churnEvents, usage, progress)));

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
        lines.add("Support tickets: " + ticketTable.rows.size() + " read; " + tallies.tickets.created + " created, "
                + tallies.tickets.updated + " updated, " + tallies.tickets.unchanged + " unchanged"
                + (closedBeforeOpened == 0 ? "" : "; " + closedBeforeOpened + " closed before they were submitted, "
                        + "not loaded") + ". Decided: priority medium is normal; escalation_flag marks escalated "
                + "tickets; a ticket with closed_at is closed then (UTC), one without is open; the data set has no "
                + "subjects.");
        lines.add("Satisfaction: " + support.stream().filter(r -> r.csat() != null).count() + " tickets carry a "
                + "satisfaction_score (1-5); each became a CSAT answer dated when the ticket closed ("
                + tallies.csat.created + " created, " + tallies.csat.updated + " updated, " + tallies.csat.unchanged
                + " unchanged); on the ticket itself 4-5 is rated good, 1-2 bad, 3 neither.");
        lines.add("Churn reasons: " + churnEvents.size() + " churn events written to their accounts' timelines with "
                + "reason, refund and feedback (" + tallies.churnNotes + " new, " + (churnEvents.size()
                        - tallies.churnNotes) + " already there); by reason: " + byReason(churnEvents) + ".");
        long usageEvents = usage.values().stream().mapToLong(Long::longValue).sum();
        lines.add("Feature usage: " + usageTable.rows.size() + " rows read, " + usageEvents + " uses of "
                + usage.keySet().stream().map(FeatureDay::feature).distinct().count() + " features on "
                + tallies.usageAccounts + " accounts, kept as " + usage.size() + " daily counts per account and "
                + "feature (usage without users: it adds to events and features, not to active users); "
                + repeatedUsageIds + " usage ids appear on more than one row with different data; decided: each row "
                + "counts.");
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

    private record Tallies(Counts accounts, Counts subscriptions, List<String> churned, Counts tickets, Counts csat,
            int churnNotes, int usageAccounts) {
    }

    /** One feature of one account on one day. */
    private record FeatureDay(String accountId, LocalDate day, String feature) {
    }

    private static FeatureDay featureDay(CsvTable.Row row, Map<String, String> accountOfSubscription) {
        String subscription = CsvTable.required(row, "subscription_id");
        String account = accountOfSubscription.get(subscription);
        if (account == null) {
            throw new CsvTable.CellProblem(new RowProblem(row.line(), "subscription_id", "no subscription "
                    + subscription + " in " + SUBSCRIPTIONS));
        }
        CsvTable.required(row, "usage_date");
        return new FeatureDay(account, CsvTable.date(row, "usage_date"), CsvTable.required(row, "feature_name"));
    }

    private Tallies load(Map<String, CsvTable.Row> accountRows, Map<String, List<Placed>> placed, LocalDate asOf,
            List<SupportRecord> support, List<ChurnEvent> churnEvents, Map<FeatureDay, Long> usage,
            Consumer<String> progress) {
        Map<String, Long> ids = new HashMap<>();
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
            ids.put(entry.getKey(), accountId);
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
        Counts ticketCounts = new Counts(0, 0, 0);
        Counts csatCounts = new Counts(0, 0, 0);
        for (SupportRecord record : support) {
            long accountId = ids.get(record.accountId());
            ticketCounts = ticketCounts.plus(tickets.upsert(accountId, record.ticket()));
            if (record.csat() != null) {
                csatCounts = csatCounts.plus(surveys.upsert(accountId, record.csat()));
            }
        }
        progress.accept("  support tickets " + support.size() + "/" + support.size());
        int churnNotes = 0;
        for (ChurnEvent event : churnEvents) {
            if (timeline.recordOnce(ids.get(event.accountId()), TimelineKind.CHANGE,
                    event.date().atStartOfDay(ZoneOffset.UTC).toInstant(), event.subject(), event.body())) {
                churnNotes++;
            }
        }
        List<UsageImports.DailyCount> counts = new ArrayList<>(usage.size());
        usage.forEach((day, events) -> counts.add(new UsageImports.DailyCount(ids.get(day.accountId()), day.day(),
                day.feature(), events)));
        int usageAccounts = usageImports.replace(SOURCE, counts).size();
        progress.accept("  feature usage: " + counts.size() + " daily counts on " + usageAccounts + " accounts");
        return new Tallies(accountCounts, subscriptionCounts, churned, ticketCounts, csatCounts, churnNotes,
                usageAccounts);
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

    /**
     * A ticket: priority medium is normal; submitted_at (a day) is the start of that day UTC and
     * closed_at a UTC time; a satisfaction score of 1-5 also becomes a CSAT answer.
     */
    static SupportRecord supportRecord(CsvTable.Row row) {
        String id = CsvTable.required(row, "ticket_id");
        String priority = CsvTable.required(row, "priority");
        TicketPriority mapped = switch (priority.toLowerCase(java.util.Locale.ROOT)) {
            case "low" -> TicketPriority.LOW;
            case "medium", "normal" -> TicketPriority.NORMAL;
            case "high" -> TicketPriority.HIGH;
            case "urgent" -> TicketPriority.URGENT;
            default -> throw new CsvTable.CellProblem(new RowProblem(row.line(), "priority",
                    "expected low, medium, high or urgent, got '" + priority + "'"));
        };
        Instant submitted = moment(row, "submitted_at");
        if (submitted == null) {
            throw new CsvTable.CellProblem(new RowProblem(row.line(), "submitted_at", "required, but empty"));
        }
        Instant closed = moment(row, "closed_at");
        Integer score = satisfactionScore(row);
        Satisfaction rating = score == null || score == 3 ? null : score >= 4 ? Satisfaction.GOOD : Satisfaction.BAD;
        TicketDraft ticket = new TicketDraft(id, null, closed == null ? TicketStatus.OPEN : TicketStatus.CLOSED,
                mapped, Boolean.TRUE.equals(CsvTable.bool(row, "escalation_flag")), submitted, closed, rating, SOURCE);
        SurveyDraft csat = score == null ? null : new SurveyDraft(id + CSAT_SUFFIX, SurveyKind.CSAT, score, null, null,
                closed == null ? submitted : closed, SOURCE);
        return new SupportRecord(CsvTable.required(row, "account_id"), ticket, csat);
    }

    /** The data set writes a moment as a day (its start) or as a date and time without offset, both in UTC. */
    private static Instant moment(CsvTable.Row row, String column) {
        String value = row.get(column);
        if (value == null) {
            return null;
        }
        try {
            Instant moment = value.length() == DAY_LENGTH
                    ? LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant()
                    : LocalDateTime.parse(value.replace(' ', 'T')).toInstant(ZoneOffset.UTC);
            if (StrictValues.storable(moment)) {
                return moment;
            }
        } catch (DateTimeParseException e) {
            // Reported below with what was expected.
        }
        throw new CsvTable.CellProblem(new RowProblem(row.line(), column,
                "expected a day such as 2024-10-01 or a UTC time such as 2024-10-02 03:00:00, got '" + value + "'"));
    }

    /** The data set writes scores as 4.0; anything but a whole 1 to 5 is refused. */
    private static Integer satisfactionScore(CsvTable.Row row) {
        BigDecimal value = CsvTable.amount(row, "satisfaction_score");
        if (value == null) {
            return null;
        }
        if (value.stripTrailingZeros().scale() > 0 || value.compareTo(BigDecimal.ONE) < 0
                || value.compareTo(BigDecimal.valueOf(5)) > 0) {
            throw new CsvTable.CellProblem(new RowProblem(row.line(), "satisfaction_score",
                    "expected a whole score from 1 to 5, got '" + row.get("satisfaction_score") + "'"));
        }
        return value.intValueExact();
    }

    private static ChurnEvent churnEvent(CsvTable.Row row) {
        LocalDate date = CsvTable.date(row, "churn_date");
        if (date == null) {
            throw new CsvTable.CellProblem(new RowProblem(row.line(), "churn_date", "required, but empty"));
        }
        String reason = row.get("reason_code");
        return new ChurnEvent(CsvTable.required(row, "churn_event_id"), CsvTable.required(row, "account_id"), date,
                reason == null ? "unknown" : reason, CsvTable.amount(row, "refund_amount_usd"),
                Boolean.TRUE.equals(CsvTable.bool(row, "preceding_upgrade_flag")),
                Boolean.TRUE.equals(CsvTable.bool(row, "preceding_downgrade_flag")),
                Boolean.TRUE.equals(CsvTable.bool(row, "is_reactivation")), row.get("feedback_text"));
    }

    private static String byReason(List<ChurnEvent> events) {
        Map<String, Long> counts = new java.util.TreeMap<>();
        events.forEach(e -> counts.merge(e.reason(), 1L, Long::sum));
        return String.join(", ", counts.entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).toList());
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
            CsvTable table = CsvTable.read(Files.readAllBytes(file), columns, List.of());
            table.rows.stream().map(CsvTable.Cells::new).flatMap(cells -> cells.problems().stream())
                    .forEach(p -> problems.add(new RowProblem(p.line(), p.column(), name + ": " + p.reason())));
            return table;
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
