package org.lodestar.worklist;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Date;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.lodestar.accounts.CoverageModel;
import org.lodestar.audit.Actors;
import org.lodestar.audit.AuditLog;
import org.lodestar.errors.InvalidInput;
import org.lodestar.health.ChurnRisks;
import org.lodestar.people.OwnedWork;
import org.lodestar.people.User;
import org.lodestar.people.Users;
import org.lodestar.signals.SignalCategory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Builds a CSM's worklist: one row per account, with its open tasks due within {@code lodestar.worklist.horizon-days}
 * beneath it (snoozed ones from the day they wake),
 * and the accounts that need attention without a task (open signals, a red score, a high churn risk). Rows with an
 * overdue task come first, then by priority ({@link WorklistRanking}). A day holds as many accounts as the CSM can work
 * at their coverage ({@code lodestar.worklist.capacity.*}); the rest is the overflow, listed apart and shown to the
 * leader on Team. Reads the tasks, signals, accounts and health tables together in a few queries.
 */
@Service
public class Worklist implements OwnedWork {

    /** The churn model's horizon that feeds the worklist's risk. */
    static final int MODEL_HORIZON = 90;
    private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneOffset.UTC);

    private final JdbcClient jdbc;
    private final Users users;
    private final Clock clock;
    private final ChurnRisks churn;
    private final AuditLog audit;
    private final TransactionTemplate transactions;
    private final WorklistRanking.RiskSource riskSource;
    private final Map<CoverageModel, Integer> capacity = new EnumMap<>(CoverageModel.class);
    /** Tasks due further ahead than this are not today's work (they wait on the account page). */
    private final int horizonDays;

    Worklist(JdbcClient jdbc, Users users, Clock clock, ChurnRisks churn, AuditLog audit,
            PlatformTransactionManager transactions,
            @Value("${lodestar.worklist.risk:scorecard}") String riskSource,
            @Value("${lodestar.worklist.capacity.high-touch:8}") int highTouch,
            @Value("${lodestar.worklist.capacity.tech-touch:15}") int techTouch,
            @Value("${lodestar.worklist.capacity.digital:25}") int digital,
            @Value("${lodestar.worklist.horizon-days:7}") int horizonDays) {
        this.jdbc = jdbc;
        this.users = users;
        this.clock = clock;
        this.churn = churn;
        this.audit = audit;
        this.transactions = new TransactionTemplate(transactions);
        try {
            this.riskSource = WorklistRanking.RiskSource.valueOf(riskSource.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("lodestar.worklist.risk: expected scorecard, model or both, got '" + riskSource + "'");
        }
        capacity.put(CoverageModel.HIGH_TOUCH, checked("high-touch", highTouch));
        capacity.put(CoverageModel.TECH_TOUCH, checked("tech-touch", techTouch));
        capacity.put(CoverageModel.DIGITAL, checked("digital", digital));
        if (horizonDays < 0 || horizonDays > 90) {
            throw new IllegalStateException("lodestar.worklist.horizon-days: expected 0 to 90 days ahead, got " + horizonDays);
        }
        this.horizonDays = horizonDays;
    }

    private static int checked(String coverage, int accounts) {
        if (accounts < 1 || accounts > 1000) {
            throw new IllegalStateException("lodestar.worklist.capacity." + coverage + ": expected the accounts a CSM "
                    + "works in a day at that coverage, 1 to 1000; got " + accounts);
        }
        return accounts;
    }

    /** Per account, the churn model's risk level, when the worklist reads the model. */
    private Map<Long, Double> modelRisks() {
        if (riskSource == WorklistRanking.RiskSource.SCORECARD) {
            return Map.of();
        }
        double bookRate = churn.inForce(MODEL_HORIZON).map(v -> (double) v.positives() / v.examples()).orElse(0.0);
        Map<Long, Double> risks = new HashMap<>();
        churn.probabilities(MODEL_HORIZON).forEach((account, p) -> risks.put(account, WorklistRanking.modelRisk(p, bookRate)));
        return risks;
    }

    /** An account's open signals: the most severe (its reason and kind), how many, and the newest one's id. */
    private record Signals(String worstSeverity, String reason, SignalCategory category, int count, long newestId) {
    }

    /**
     * The tasks of an owner's Today (after {@code t.owner_id = ?}): open, done by a person, due by the horizon's last
     * day (first parameter) and not snoozed past today (second).
     */
    private static final String ON_TODAY = " and t.status = 'open' and t.automated = false and t.due_on <= ?"
            + " and (t.snoozed_until is null or t.snoozed_until <= ?)";

    /** An account the CSM owns, as Today reads it. */
    private record Owned(long id, String name, BigDecimal arr, LocalDate renewal, CoverageModel coverage, String band,
            BigDecimal score) {

        Row row() {
            Row row = new Row();
            row.id = id;
            row.name = name;
            row.coverage = coverage;
            row.band = band;
            row.arr = arr;
            row.renewal = renewal;
            return row;
        }
    }

    /** What is known of an account on the list while its row is built. */
    private static final class Row {
        long id;
        String name;
        CoverageModel coverage;
        String band;
        BigDecimal arr;
        LocalDate renewal;
        String attention;
        String cause;
        WorklistRanking.Priority own;
        final List<WorkItem.TaskLine> tasks = new ArrayList<>();
    }

    public WorklistView forOwner(String email) {
        if (email == null || email.isBlank()) {
            throw new InvalidInput("owner", "is required: the email of the CSM whose worklist to show");
        }
        User owner = users.findByEmail(email.trim())
                .orElseThrow(() -> new InvalidInput("owner", "no user has the email " + email.trim()));
        return build(owner, LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC), modelRisks());
    }

    @Override
    public Map<Long, OwnedWork.Owned> byUser() {
        Map<Long, long[]> counts = new HashMap<>();
        jdbc.sql("select owner_id, count(*) from account where owner_id is not null and lifecycle_stage <> 'CHURNED' "
                + "group by owner_id").query(rs -> {
                    counts.computeIfAbsent(rs.getLong(1), k -> new long[2])[0] = rs.getLong(2);
                });
        jdbc.sql("select owner_id, count(*) from task where owner_id is not null and status = 'open' group by owner_id")
                .query(rs -> {
                    counts.computeIfAbsent(rs.getLong(1), k -> new long[2])[1] = rs.getLong(2);
                });
        Map<Long, OwnedWork.Owned> owned = new HashMap<>();
        counts.forEach((user, c) -> owned.put(user, new OwnedWork.Owned(c[0], c[1])));
        return owned;
    }

    /** How many accounts a CSM works in a day, by coverage model (label). */
    public Map<String, Integer> accountsPerDay() {
        Map<String, Integer> perDay = new LinkedHashMap<>();
        capacity.forEach((coverage, accounts) -> perDay.put(coverage.label(), accounts));
        return perDay;
    }

    /** Each CSM's overflow today (accounts and tasks beyond their capacity), by email; only CSMs with some. */
    public Map<String, WorklistView.Capacity> overflowByOwner() {
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        Map<Long, Double> risks = modelRisks();
        Map<String, WorklistView.Capacity> overflow = new LinkedHashMap<>();
        for (Long ownerId : jdbc.sql("select distinct owner_id from account where owner_id is not null "
                + "and lifecycle_stage <> 'CHURNED' order by owner_id").query(Long.class).list()) {
            users.find(ownerId).ifPresent(user -> {
                WorklistView view = build(user, today, risks);
                if (!view.overflow().isEmpty()) {
                    overflow.put(user.email(), view.capacity());
                }
            });
        }
        return overflow;
    }

    private WorklistView build(User owner, LocalDate today, Map<Long, Double> modelRisks) {
        Map<Long, Signals> signals = openSignals(owner.id());
        Map<Long, Row> rows = new LinkedHashMap<>();
        long openTasks = 0;
        long overdue = 0;
        for (Map<String, Object> r : jdbc.sql("""
                select t.id, t.title, t.category, t.priority, t.due_on, t.due_at, t.recur_minutes, t.outreach,
                    a.id as account_id, a.name, a.arr,
                    a.renewal_date, a.coverage_model, h.band, p.reason as play_reason, s.summary as cause_now,
                    s.resolved_at as cause_cleared
                from task t join account a on a.id = t.account_id
                left join account_health h on h.account_id = a.id
                left join play p on p.id = t.play_id
                left join signal s on s.id = p.signal_id
                where t.owner_id = ?""" + ON_TODAY)
                .params(owner.id(), Date.valueOf(today.plusDays(horizonDays)), Date.valueOf(today)).query().listOfRows()) {
            Row row = row(rows, r, "account_id");
            Signals open = signals.get(row.id);
            LocalDate due = toDate(r.get("due_on"));
            long late = ChronoUnit.DAYS.between(due, today);
            Instant at = r.get("due_at") == null ? null : instantOf(r.get("due_at"));
            // A task due at a time of day (an hourly update) is overdue from that time on, not from the next day.
            boolean overdueNow = at != null ? at.isBefore(clock.instant()) : late > 0;
            openTasks++;
            overdue += overdueNow ? 1 : 0;
            String when = at != null && late == 0 ? (overdueNow ? "Overdue since " : "Due at ") + HOUR.format(at) + " UTC"
                    : late > 0 ? "Overdue by " + late + (late == 1 ? " day" : " days") : late == 0 ? "Due today"
                    : "Due " + due;
            if (r.get("recur_minutes") != null) {
                when += " (" + org.lodestar.tasks.Task.every(Duration.ofMinutes(((Number) r.get("recur_minutes")).longValue())) + ")";
            }
            // The play's cause as it stands now: its signal's current sentence, or that it has cleared.
            String why = r.get("cause_cleared") != null ? "Cause cleared on " + dayOf(r.get("cause_cleared")) + " (was: "
                    + r.get("cause_now") + ")"
                    : r.get("cause_now") != null ? (String) r.get("cause_now")
                    : r.get("play_reason") != null ? (String) r.get("play_reason") : open != null ? open.reason() : null;
            boolean high = "high".equals(r.get("priority"));
            WorklistRanking.Priority priority = WorklistRanking.priority(new WorklistRanking.Input(row.band,
                    modelRisks.get(row.id), open == null ? null : open.worstSeverity(), row.arr, row.renewal, due, high),
                    today, riskSource);
            row.tasks.add(new WorkItem.TaskLine(((Number) r.get("id")).longValue(), (String) r.get("title"),
                    when + (why == null ? "" : " · " + why), SignalCategory.parse((String) r.get("category")), due,
                    overdueNow, (String) r.get("outreach"), (String) r.get("priority"), priority));
        }
        long attention = 0;
        long owned = 0;
        List<WorklistView.SetAside> setAside = new ArrayList<>();
        Map<Long, Aside> asides = asides(owner.id(), today);
        List<Long> ended = new ArrayList<>();
        for (Owned r : jdbc.sql("""
                select a.id, a.name, a.arr, a.renewal_date, a.coverage_model, h.band, h.score from account a
                left join account_health h on h.account_id = a.id
                where a.owner_id = ? and a.lifecycle_stage <> 'CHURNED'""").param(owner.id())
                .query((rs, n) -> new Owned(rs.getLong("id"), rs.getString("name"), rs.getBigDecimal("arr"),
                        rs.getObject("renewal_date", LocalDate.class), CoverageModel.valueOf(rs.getString("coverage_model")),
                        band(rs.getString("band")), rs.getBigDecimal("score"))).list()) {
            owned++;
            long accountId = r.id();
            Signals open = signals.get(accountId);
            String band = r.band();
            boolean modelHigh = Double.valueOf(1.0).equals(modelRisks.get(accountId));
            String cause = cause(open, band, modelHigh);
            Aside aside = asides.get(accountId);
            if (aside != null && aside.cause().equals(cause) && !rows.containsKey(accountId)) {
                // Looked at and set aside for the same cause: off Today until its day, unless a task brings it back.
                setAside.add(new WorklistView.SetAside(accountId, r.name(), aside.until(), aside.setBy()));
                continue;
            }
            if (aside != null && !aside.cause().equals(cause)) {
                // Its cause changed or went: the set-aside is over, and a later return of the same cause shows again.
                ended.add(accountId);
            }
            if (cause == null) {
                continue;
            }
            attention++;
            Row row = rows.computeIfAbsent(accountId, k -> r.row());
            row.cause = cause;
            row.attention = open != null ? open.reason() + (open.count() > 1 ? " (+" + (open.count() - 1) + " more)" : "")
                    : "red".equals(band) ? "Health is " + r.score().stripTrailingZeros().toPlainString() + " (red)."
                    : "The churn model puts it at twice the book's rate of churn or contraction within " + MODEL_HORIZON + " days.";
            row.own = WorklistRanking.priority(new WorklistRanking.Input(band, modelRisks.get(accountId),
                    open == null ? null : open.worstSeverity(), row.arr, row.renewal, null, false), today, riskSource);
        }
        if (!ended.isEmpty()) {
            jdbc.sql("delete from worklist_aside where owner_id = :owner and account_id in (:accounts)")
                    .param("owner", owner.id()).param("accounts", ended).update();
        }
        List<WorkItem> all = new ArrayList<>();
        for (Row row : rows.values()) {
            all.add(item(row, signals.get(row.id)));
        }
        all = new ArrayList<>(WorklistRanking.order(all));
        // The day fills in that order; an account that does not fit goes to the overflow, and so does all after it.
        List<WorkItem> fits = new ArrayList<>();
        List<WorkItem> overflow = new ArrayList<>();
        BigDecimal used = BigDecimal.ZERO;
        for (WorkItem item : all) {
            if (overflow.isEmpty() && used.add(item.share()).compareTo(BigDecimal.ONE) <= 0) {
                fits.add(item);
                used = used.add(item.share());
            } else {
                overflow.add(item);
            }
        }
        WorklistView.Capacity day = new WorklistView.Capacity(used.setScale(2, RoundingMode.HALF_UP), accountsPerDay(),
                overflow.size(), overflow.stream().mapToLong(i -> i.tasks().size()).sum());
        List<WorklistView.Next> next = all.isEmpty() ? next(owner, today, owned) : List.of();
        long later = jdbc.sql("select count(*) from task where owner_id = ? and status = 'open' and automated = false "
                + "and due_on > ?").params(owner.id(), Date.valueOf(today.plusDays(horizonDays))).query(Long.class).single();
        return new WorklistView(owner.email(), owner.name(), today, fits, overflow, day, openTasks, later, attention,
                setAside.size(), setAside, overdue, owned, next);
    }

    private static Row row(Map<Long, Row> rows, Map<String, Object> r, String idColumn) {
        long id = ((Number) r.get(idColumn)).longValue();
        return rows.computeIfAbsent(id, k -> new Owned(id, (String) r.get("name"), (BigDecimal) r.get("arr"),
                toDate(r.get("renewal_date")), CoverageModel.valueOf(r.get("coverage_model").toString()), band(r.get("band")),
                null).row());
    }

    private WorkItem item(Row row, Signals open) {
        row.tasks.sort(Comparator.comparing((WorkItem.TaskLine t) -> t.overdue() ? 0 : 1)
                .thenComparing(Comparator.comparing((WorkItem.TaskLine t) -> t.priority().score()).reversed())
                .thenComparing(WorkItem.TaskLine::dueOn).thenComparing(WorkItem.TaskLine::taskId));
        WorklistRanking.Priority priority = row.own;
        for (WorkItem.TaskLine task : row.tasks) {
            if (priority == null || task.priority().score().compareTo(priority.score()) > 0) {
                priority = task.priority();
            }
        }
        LocalDate due = row.tasks.stream().map(WorkItem.TaskLine::dueOn).min(LocalDate::compareTo).orElse(null);
        long late = row.tasks.stream().filter(WorkItem.TaskLine::overdue).count();
        String reason = row.attention != null ? row.attention : open != null ? open.reason()
                : row.tasks.size() + (row.tasks.size() == 1 ? " open task" : " open tasks");
        SignalCategory category = open != null ? open.category()
                : row.tasks.isEmpty() ? SignalCategory.RESCUE : row.tasks.getFirst().category();
        BigDecimal share = BigDecimal.ONE.divide(BigDecimal.valueOf(capacity.get(row.coverage)), 6, RoundingMode.HALF_UP);
        return new WorkItem(row.id, row.name, row.coverage, row.band, row.arr, row.renewal, reason, category,
                row.attention != null, late, due, priority, share, List.copyOf(row.tasks), row.cause);
    }

    /** For a day with nothing on it: where the CSM's work is next, or, owning no accounts, where the team's is. */
    private List<WorklistView.Next> next(User owner, LocalDate today, long owned) {
        List<WorklistView.Next> next = new ArrayList<>();
        if (owned == 0) {
            next.add(new WorklistView.Next("You own no accounts: see each CSM's work and what overflows on Team", "/team"));
            next.add(new WorklistView.Next("Browse the book, or give accounts owners", "/book"));
            return next;
        }
        jdbc.sql("""
                select t.account_id, a.name, coalesce(t.snoozed_until, t.due_on) as due from task t
                join account a on a.id = t.account_id where t.owner_id = ? and t.status = 'open' and t.automated = false
                order by coalesce(t.snoozed_until, t.due_on), t.id limit 1""").param(owner.id())
                .query((rs, n) -> new WorklistView.Next("Your next task is due on " + rs.getObject(3, LocalDate.class)
                        + ", on " + rs.getString(2), "/accounts/" + rs.getLong(1)))
                .optional().ifPresent(next::add);
        long renewing = jdbc.sql("select count(*) from account where owner_id = ? and lifecycle_stage <> 'CHURNED' "
                + "and renewal_date between ? and ?").params(owner.id(), Date.valueOf(today), Date.valueOf(today.plusDays(90)))
                .query(Long.class).single();
        if (renewing > 0) {
            next.add(new WorklistView.Next(renewing + (renewing == 1 ? " of your accounts renews" : " of your accounts renew")
                    + " within 90 days: check each renewal plan", "/book?owner=" + owner.email() + "&sort=renewal"));
        }
        next.add(new WorklistView.Next("Review your " + owned + (owned == 1 ? " account" : " accounts") + " by health",
                "/book?owner=" + owner.email()));
        return next;
    }

    /**
     * Why an account needs attention without a task, as a key that changes when the reason does: the newest open
     * signal ({@code signal 42}: another signal firing changes it), else a red score ({@code red}), else the churn
     * model's high risk ({@code model}); null when it needs none.
     */
    private static String cause(Signals open, String band, boolean modelHigh) {
        return open != null ? "signal " + open.newestId() : "red".equals(band) ? "red" : modelHigh ? "model" : null;
    }

    /** An account set aside on its owner's Today: for which cause, until which day (off Today before it), by whom. */
    private record Aside(String cause, LocalDate until, String setBy) {
    }

    private Map<Long, Aside> asides(long ownerId, LocalDate today) {
        Map<Long, Aside> found = new HashMap<>();
        jdbc.sql("select account_id, cause, until_on, set_by from worklist_aside where owner_id = ? and until_on > ?")
                .params(ownerId, Date.valueOf(today))
                .query(rs -> {
                    found.put(rs.getLong(1), new Aside(rs.getString(2), rs.getObject(3, LocalDate.class), rs.getString(4)));
                });
        return found;
    }

    /**
     * Whether {@code now} holds a reason {@code seen} did not: a signal newer than the one seen (ids grow), a signal
     * where there was none, a red score where there was only the model's risk.
     */
    static boolean newReason(String seen, String now) {
        if (now.startsWith("signal ") && seen.startsWith("signal ")) {
            try {
                return Long.parseLong(now.substring(7)) > Long.parseLong(seen.substring(7));
            } catch (NumberFormatException e) {
                return !now.equals(seen);
            }
        }
        return rank(now) > rank(seen);
    }

    private static final java.util.regex.Pattern CAUSE = java.util.regex.Pattern.compile("signal \\d{1,18}|red|model");

    private static int rank(String cause) {
        return cause.startsWith("signal ") ? 3 : cause.equals("red") ? 2 : cause.equals("model") ? 1 : 0;
    }

    /** The longest an account can be set aside on Today, in days. */
    public static final int MOST_DAYS_ASIDE = 30;

    /**
     * Sets an account that needs attention without a task aside on its owner's Today for some days (1 to
     * {@value #MOST_DAYS_ASIDE}): the CSM looked at it and there is nothing to do yet. It leaves Today and its capacity
     * until then, and comes back sooner when its cause changes (a new signal, or a red score turning into a signal) or
     * a task on it falls due. Audited. Returns the account's name and the day it comes back.
     */
    public SetAside setAside(String ownerEmail, long accountId, int days) {
        return setAside(ownerEmail, accountId, days, null);
    }

    /**
     * The same, for the cause the person saw ({@link WorkItem#cause}; null: whatever it is now): refused when there is a
     * reason they did not see (a signal fired after the page was shown, or a score turned red), so nothing unseen is set
     * aside. A reason that went meanwhile (the newest signal resolved, leaving an older one) is no new reason.
     */
    public SetAside setAside(String ownerEmail, long accountId, int days, String seenCause) {
        if (days < 1 || days > MOST_DAYS_ASIDE) {
            throw new InvalidInput("days", "expected 1 to " + MOST_DAYS_ASIDE + " days to set the account aside, got " + days);
        }
        User owner = users.findByEmail(ownerEmail == null ? "" : ownerEmail.trim())
                .orElseThrow(() -> new InvalidInput("owner", "no user has the email " + ownerEmail));
        Map<String, Object> account = jdbc.sql("""
                select a.name, h.band from account a left join account_health h on h.account_id = a.id
                where a.id = ? and a.owner_id = ? and a.lifecycle_stage <> 'CHURNED'""").params(accountId, owner.id())
                .query().listOfRows().stream().findFirst()
                .orElseThrow(() -> new InvalidInput("accountId", "account " + accountId + " is not one of "
                        + owner.email() + "'s accounts"));
        String name = (String) account.get("name");
        Double risk = modelRisks().get(accountId);
        String cause = cause(openSignals(owner.id()).get(accountId), band(account.get("band")), Double.valueOf(1.0).equals(risk));
        if (cause == null) {
            throw new InvalidInput("accountId", name + " does not need attention now: there is nothing to set aside");
        }
        if (seenCause != null && !seenCause.isBlank() && !CAUSE.matcher(seenCause.trim()).matches()) {
            throw new InvalidInput("cause", "expected the cause of the item shown (as GET /api/worklist gives it: signal 812, "
                    + "red or model), got '" + seenCause.trim() + "'");
        }
        LocalDate day = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        long tasksOnToday = jdbc.sql("select count(*) from task t where t.account_id = ? and t.owner_id = ?" + ON_TODAY)
                .params(accountId, owner.id(), Date.valueOf(day.plusDays(horizonDays)), Date.valueOf(day)).query(Long.class).single();
        if (tasksOnToday > 0) {
            throw new InvalidInput("accountId", name + " has " + tasksOnToday + (tasksOnToday == 1 ? " task" : " tasks")
                    + " on Today: do, snooze or reassign them; setting aside is for an account that needs attention "
                    + "without a task");
        }
        if (seenCause != null && !seenCause.isBlank() && newReason(seenCause.trim(), cause)) {
            throw new InvalidInput("cause", name + "'s reason to be here changed since the page was shown: look at it again "
                    + "before setting it aside");
        }
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        LocalDate until = today.plusDays(days);
        Map<String, Object> after = Map.of("account", name, "owner", owner.email(), "cause", cause, "until", until.toString());
        Runnable write = () -> transactions.executeWithoutResult(status -> {
            String by = Actors.current().name();
            int updated = jdbc.sql("update worklist_aside set cause = ?, until_on = ?, set_at = ?, set_by = ? where account_id = ? "
                    + "and owner_id = ?").params(cause, Date.valueOf(until), java.sql.Timestamp.from(clock.instant()), by,
                            accountId, owner.id()).update();
            if (updated == 0) {
                jdbc.sql("insert into worklist_aside (account_id, owner_id, cause, until_on, set_at, set_by) "
                        + "values (?, ?, ?, ?, ?, ?)")
                        .params(accountId, owner.id(), cause, Date.valueOf(until), java.sql.Timestamp.from(clock.instant()), by)
                        .update();
            }
            audit.record("set-aside", "account", accountId, "Set " + name + " aside on " + owner.email() + "'s Today until "
                    + until, null, after);
        });
        try {
            write.run();
        } catch (org.springframework.dao.DuplicateKeyException e) {
            // A second click at the same moment inserted it first: this one now updates it.
            write.run();
        }
        return new SetAside(name, until);
    }

    /**
     * Brings an account set aside back on its owner's Today at once (a set-aside made by mistake, or the CSM changed
     * their mind). Audited. Refused, naming the account, when it is not set aside there.
     */
    public String bringBack(String ownerEmail, long accountId) {
        User owner = users.findByEmail(ownerEmail == null ? "" : ownerEmail.trim())
                .orElseThrow(() -> new InvalidInput("owner", "no user has the email " + ownerEmail));
        String name = jdbc.sql("select a.name from worklist_aside w join account a on a.id = w.account_id "
                + "where w.account_id = ? and w.owner_id = ?").params(accountId, owner.id()).query(String.class).optional()
                .orElseThrow(() -> new InvalidInput("accountId", "account " + accountId + " is not set aside on "
                        + owner.email() + "'s Today"));
        transactions.executeWithoutResult(status -> {
            jdbc.sql("delete from worklist_aside where account_id = ? and owner_id = ?").params(accountId, owner.id()).update();
            audit.record("brought-back", "account", accountId, "Brought " + name + " back on " + owner.email() + "'s Today",
                    null, Map.of("account", name, "owner", owner.email()));
        });
        return name;
    }

    /** An account set aside on a Today: its name, and the day it comes back. */
    public record SetAside(String accountName, LocalDate until) {
    }

    /** Per account of this owner: the most severe open signal (newest first among equals) and how many are open. */
    private Map<Long, Signals> openSignals(long ownerId) {
        Map<Long, Signals> found = new HashMap<>();
        jdbc.sql("""
                select s.account_id, s.severity, s.summary, s.category, s.id from signal s join account a on a.id = s.account_id
                where a.owner_id = ? and s.resolved_at is null
                order by s.account_id, case s.severity when 'high' then 0 when 'medium' then 1 else 2 end, s.fired_at desc, s.id desc""")
                .param(ownerId).query(rs -> {
                    long account = rs.getLong(1);
                    Signals first = found.get(account);
                    if (first == null) {
                        found.put(account, new Signals(rs.getString(2), rs.getString(3), SignalCategory.parse(rs.getString(4)), 1,
                                rs.getLong(5)));
                    } else {
                        found.put(account, new Signals(first.worstSeverity(), first.reason(), first.category(), first.count() + 1,
                                Math.max(first.newestId(), rs.getLong(5))));
                    }
                });
        return found;
    }

    private static String band(Object stored) {
        return stored == null ? null : stored.toString().toLowerCase(Locale.ROOT);
    }

    /** The UTC day of a stored instant. */
    private static LocalDate dayOf(Object instant) {
        return LocalDate.ofInstant(instantOf(instant), ZoneOffset.UTC);
    }

    /** A stored timestamp with time zone, as each driver hands it over. */
    private static Instant instantOf(Object stored) {
        return switch (stored) {
            case java.sql.Timestamp t -> t.toInstant();
            case java.time.OffsetDateTime o -> o.toInstant();
            case Instant i -> i;
            default -> java.time.OffsetDateTime.parse(stored.toString()).toInstant();
        };
    }

    private static LocalDate toDate(Object value) {
        if (value == null) {
            return null;
        }
        return value instanceof Date d ? d.toLocalDate() : value instanceof LocalDate l ? l : LocalDate.parse(value.toString());
    }
}
