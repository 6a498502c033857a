package org.lodestar.health;

import org.lodestar.health.internal.ClosedUsage;
import org.lodestar.health.internal.HealthStore;
import org.lodestar.health.internal.UsagePlan;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.IntConsumer;
import java.util.stream.Collectors;

import org.lodestar.accounts.AccountFact;
import org.lodestar.accounts.AccountSet;
import org.lodestar.accounts.BookFacts;
import org.lodestar.cluster.ClusterLocks;
import org.lodestar.cluster.SerialSection;
import org.lodestar.revenue.ContractFacts;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Scores accounts and keeps their scores: current, a snapshot per day and one on every change.
 * Churned accounts are not scored.
 */
@Service
public class HealthScores {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(HealthScores.class);

    /** Accounts scored per step of a full recompute, each step one transaction. */
    static final int STEP = 20_000;

    private final JdbcClient jdbc;
    private final HealthInputs inputs;
    private final HealthStore store;
    private final HealthConfiguration configuration;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final ClusterLocks locks;
    private final ClosedUsage closedUsage;
    private final BookFacts book;
    private final ContractFacts contracts;

    HealthScores(JdbcClient jdbc, HealthInputs inputs, HealthStore store, HealthConfiguration configuration,
            ApplicationEventPublisher events, TransactionTemplate transactions, Clock clock, ClusterLocks locks,
            ClosedUsage closedUsage, BookFacts book, ContractFacts contracts) {
        this.jdbc = jdbc;
        this.contracts = contracts;
        this.book = book;
        this.closedUsage = closedUsage;
        this.inputs = inputs;
        this.store = store;
        this.configuration = configuration;
        this.events = events;
        this.transactions = transactions;
        this.clock = clock;
        this.locks = locks;
    }

    public LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    }

    /**
     * An account as the scorer sees it: which scorecard applies follows from segment and stage; {@code since} is the
     * customer's start, from which its age is counted (see {@link #customerStart}).
     */
    record Scored(long id, String segment, String stage, LocalDate since) {

        /** Days from the customer's start to the day (0 on the first day, negative before it); null when unknown. */
        Integer ageOn(LocalDate day) {
            return since == null ? null : (int) ChronoUnit.DAYS.between(since, day);
        }

        Scored startingOn(LocalDate start) {
            return new Scored(id, segment, stage, start);
        }
    }

    /**
     * Sets each account's customer start: the first day of its first contract, or, for an account with no contract,
     * the day it was created in Lodestar.
     */
    private List<Scored> customerStart(List<Scored> accounts, AccountSet scope) {
        if (accounts.isEmpty()) {
            return accounts;
        }
        Map<Long, LocalDate> firstContract = contracts.customerSince(scope);
        return accounts.stream().map(a -> firstContract.containsKey(a.id()) ? a.startingOn(firstContract.get(a.id())) : a)
                .toList();
    }

    private static LocalDate createdOn(ResultSet rs, int column) throws SQLException {
        OffsetDateTime created = rs.getObject(column, OffsetDateTime.class);
        return created == null ? null : created.atZoneSameInstant(ZoneOffset.UTC).toLocalDate();
    }

    List<Scored> scoredAccounts(Collection<Long> ids) {
        return scoredAccounts(ids == null ? AccountSet.all() : AccountSet.of(ids), ids);
    }

    /** The accounts of {@code ids} (null: all) that are scored, read as {@code scope} says (a wider read is filtered). */
    private List<Scored> scoredAccounts(AccountSet scope, Collection<Long> ids) {
        Set<Long> wanted = ids == null ? null : new HashSet<>(ids);
        List<Scored> found = new ArrayList<>();
        scope.inParts(part -> jdbc.sql("select id, segment, lifecycle_stage, created_at from account where lifecycle_stage <> 'CHURNED'"
                + part.where("id") + " order by id").params(part.params()).query(rs -> {
                    if (wanted == null || wanted.contains(rs.getLong(1))) {
                        found.add(new Scored(rs.getLong(1), rs.getString(2), org.lodestar.infrastructure.Labels
                                .of(org.lodestar.accounts.LifecycleStage.valueOf(rs.getString(3))), createdOn(rs, 4)));
                    }
                }));
        return customerStart(found, scope);
    }

    /** How many accounts a recompute of the whole book scores (every account not churned). */
    public int scoredCount() {
        return scoredAccounts(null).size();
    }

    /** Recomputes the whole book. */
    public Recompute recomputeAll(IntConsumer progress) {
        return recompute(null, progress);
    }

    /**
     * Recomputes these accounts (null: the whole book) in one transaction, reporting accounts scored to
     * {@code progress}. Inputs are read in a few grouped queries for all of them at once.
     */
    public Recompute recompute(Collection<Long> accountIds, IntConsumer progress) {
        return recompute(accountIds, null, Map.of(), progress);
    }

    /**
     * Reads and keeps every account's summary of its usage before today, which rescoring after a change to today's
     * usage adds today's rollups to; done after the daily recompute so the day's first changes find them (a missing
     * summary is read when needed). Returns how many it kept.
     */
    public int prepareUsageSummaries() {
        return transactions.execute(tx -> {
            locks.hold(SerialSection.HEALTH_SCORES);
            return closedUsage.prepareAll(UsagePlan.of(today(), configuration.scorecards().inputs()));
        });
    }

    /**
     * Rescores accounts after changes, reading only the kinds of fact that changed: an account whose current score
     * was computed today from the inputs the scorecards read keeps the stored value of every input the change could
     * not have moved ({@link MeasureInput#reads()}). An account without such a score, or whose account record changed
     * (which decides its scorecard), is read in full. Usage inputs are added up from the account's summary of earlier
     * days and today's rollups ({@link ClosedUsage}).
     *
     * @param usageDays per account whose usage changed, the earliest day that changed; an account without one may
     *        have had any day changed
     */
    public Recompute rescore(Map<Long, Set<AccountFact>> changed, Map<Long, LocalDate> usageDays, IntConsumer progress) {
        return recompute(changed.keySet(), changed, usageDays, progress);
    }

    private Recompute recompute(Collection<Long> accountIds, Map<Long, Set<AccountFact>> changed,
            Map<Long, LocalDate> usageDays, IntConsumer progress) {
        long started = System.nanoTime();
        // Many accounts are read with the whole book (AccountSet.toRead), a few by their ids.
        boolean wholeBook = accountIds == null || AccountSet.toRead(accountIds, book.size()).isAll();
        List<Scored> accounts = scoredAccounts(wholeBook ? AccountSet.all() : AccountSet.of(accountIds), accountIds);
        long[] phases = new long[3];
        List<HealthChanged.Change> changes = transactions.execute(tx -> {
            // One recompute at a time on any node: two writing the same account's current score would collide.
            locks.hold(SerialSection.HEALTH_SCORES);
            // A churned account is no longer scored: its last score stays in the history, not as current.
            store.dropChurned(accountIds);
            // Whatever was computed from the book before this pass (the backtests kept) is judged by this count.
            store.countRecompute();
            List<HealthChanged.Change> scored = scoreAndStore(accounts, accountIds == null ? null
                    : accounts.stream().map(Scored::id).toList(), wholeBook, changed, usageDays, progress, phases);
            // Stored with the scores: whatever reads them (signals) follows each rescore once, even after a crash.
            // Accounts asked for are all passed on (a churned one's signals resolve); of the whole book, those that moved.
            ScoresRecomputed.of(accountIds != null ? accountIds : scored.stream().map(HealthChanged.Change::accountId).toList())
                    .forEach(events::publishEvent);
            return scored;
        });
        int bandChanges = (int) changes.stream().filter(c -> c.bandBefore() != null && c.bandBefore() != c.bandAfter()).count();
        return new Recompute(accounts.size(), changes.size(), bandChanges, (System.nanoTime() - started) / 1_000_000,
                phases[0] / 1_000_000, phases[1] / 1_000_000, phases[2] / 1_000_000);
    }

    private List<HealthChanged.Change> scoreAndStore(List<Scored> accounts, List<Long> ids, boolean wholeBook,
            Map<Long, Set<AccountFact>> changed, Map<Long, LocalDate> usageDays, IntConsumer progress, long[] phases) {
        LocalDate today = today();
        Instant now = clock.instant();
        Scorecards scorecards = configuration.scorecards();
        long started = System.nanoTime();
        // A rescore reads its accounts' scores by id: a row each, however many (the whole table is as wide as the book).
        Map<Long, HealthStore.Stored> current = store.current(wholeBook && changed == null ? null : ids);
        log.debug("Current scores of {} accounts read in {} ms", current.size(), (System.nanoTime() - started) / 1_000_000);
        InputValues values = changed == null ? inputs.read(today, scorecards.inputs(), ids)
                : readChanged(today, scorecards.inputs(), accounts, current, changed, usageDays);
        long read = System.nanoTime();
        phases[0] = read - started;
        List<HealthStore.Stored> writes = new ArrayList<>();
        Map<Long, String> causes = new HashMap<>();
        List<HealthChanged.Change> changes = new ArrayList<>();
        List<MeasureInput.Key> stored = StoredInputs.order(scorecards.inputs());
        // On every core, a step at a time (progress is reported between steps, from this thread), in the accounts' order.
        for (int from = 0; from < accounts.size(); from += STEP) {
            List<Scored> step = accounts.subList(from, Math.min(accounts.size(), from + STEP));
            for (Outcome outcome : step.parallelStream().map(account -> score(account, scorecards, stored, current.get(account.id()),
                    values, today, now)).toList()) {
                if (outcome.write() != null) {
                    writes.add(outcome.write());
                }
                if (outcome.cause() != null) {
                    causes.put(outcome.write().accountId(), outcome.cause());
                }
                if (outcome.change() != null) {
                    changes.add(outcome.change());
                }
            }
            progress.accept(from + step.size());
        }
        long scored = System.nanoTime();
        phases[1] = scored - read;
        store.write(writes, causes, true);
        phases[2] = System.nanoTime() - scored;
        progress.accept(accounts.size());
        return changes;
    }

    /** What scoring one account gives: the score to store (null: as stored), its snapshot's cause, its move. */
    private record Outcome(HealthStore.Stored write, String cause, HealthChanged.Change change) {
    }

    private static Outcome score(Scored account, Scorecards scorecards, List<MeasureInput.Key> stored,
            HealthStore.Stored before, InputValues values, LocalDate today, Instant now) {
        ScorecardDefinition scorecard = scorecards.select(account.segment(), account.stage());
        HealthScore score = HealthScoring.score(scorecard, today, account.ageOn(today), key -> values.get(account.id(), key),
                lastSeen(before, scorecard));
        String measures = HealthStore.encode(score.measures());
        String used = StoredInputs.encode(stored, values, account.id());
        boolean same = before != null && Objects.equals(before.score(), score.score()) && before.band() == score.band()
                && before.scorecard().equals(score.scorecard()) && before.version().equals(score.version())
                && before.measures().equals(measures);
        boolean unchangedToday = same && before.asOf().equals(today);
        HealthStore.Stored write = null;
        String cause = null;
        if (!unchangedToday || !used.equals(before.inputs())) {
            write = new HealthStore.Stored(account.id(), today, now, score.score(), score.band(), score.scorecard(),
                    score.version(), measures, used);
            // The same score with moved inputs is kept as current without a snapshot: the history holds scores.
            if (!unchangedToday) {
                cause = same ? "daily" : "change";
            }
        }
        HealthChanged.Change change = same ? null : new HealthChanged.Change(account.id(), before == null ? null : before.score(),
                before == null ? null : before.band(), score.score(), score.band());
        return new Outcome(write, cause, change);
    }

    /**
     * The inputs of accounts rescored after changes: read in full for an account with no score computed today from
     * these inputs, or whose account record changed; otherwise the inputs the changed facts feed are read again and the
     * others taken from the stored score.
     */
    private InputValues readChanged(LocalDate today, Set<MeasureInput.Key> keys, List<Scored> accounts,
            Map<Long, HealthStore.Stored> current, Map<Long, Set<AccountFact>> changed, Map<Long, LocalDate> usageDays) {
        List<Long> whole = new ArrayList<>();
        Map<Long, Map<MeasureInput.Key, BigDecimal>> kept = new HashMap<>();
        Set<AccountFact> facts = EnumSet.noneOf(AccountFact.class);
        Set<Long> earlierUsageChanged = new HashSet<>();
        for (Scored account : accounts) {
            HealthStore.Stored before = current.get(account.id());
            Set<AccountFact> what = changed.getOrDefault(account.id(), EnumSet.allOf(AccountFact.class));
            Map<MeasureInput.Key, BigDecimal> stored = before == null || !before.asOf().equals(today)
                    || what.contains(AccountFact.ACCOUNT) ? null : StoredInputs.decode(before.inputs(), keys);
            if (stored == null) {
                whole.add(account.id());
            } else {
                kept.put(account.id(), stored);
                facts.addAll(what);
                LocalDate usageFrom = usageDays.get(account.id());
                if (what.contains(AccountFact.USAGE) && (usageFrom == null || usageFrom.isBefore(today))) {
                    earlierUsageChanged.add(account.id());
                }
            }
        }
        long started = System.nanoTime();
        InputValues values = whole.isEmpty() ? new InputValues() : inputs.read(today, keys, whole);
        long wholeRead = System.nanoTime();
        if (kept.isEmpty()) {
            return values;
        }
        Set<MeasureInput.Key> moved = keys.stream().filter(k -> !Collections.disjoint(k.input().reads(), facts))
                .collect(Collectors.toSet());
        // Every usage input is computed when one moved: one summary per account serves the whole scorecard set.
        Set<MeasureInput.Key> usage = keys.stream().filter(k -> k.input().reads().contains(AccountFact.USAGE))
                .collect(Collectors.toSet());
        if (!Collections.disjoint(moved, usage)) {
            UsagePlan plan = UsagePlan.of(today, usage);
            values.putAll(inputs.readUsage(plan, closedUsage.figures(plan, kept.keySet(), earlierUsageChanged), kept.keySet()));
            moved.addAll(usage);
        }
        long usageRead = System.nanoTime();
        Set<MeasureInput.Key> others = moved.stream().filter(k -> !usage.contains(k)).collect(Collectors.toSet());
        if (!others.isEmpty()) {
            values.putAll(inputs.read(today, others, kept.keySet()));
        }
        long othersRead = System.nanoTime();
        kept.forEach((account, stored) -> stored.forEach((key, value) -> {
            if (!moved.contains(key)) {
                values.put(key, account, value);
            }
        }));
        log.debug("Inputs of {} accounts read in full in {} ms; of {} from what changed: usage {} ms, other facts {} ms, "
                + "kept values {} ms", whole.size(), (wholeRead - started) / 1_000_000, kept.size(),
                (usageRead - wholeRead) / 1_000_000, (othersRead - usageRead) / 1_000_000,
                (System.nanoTime() - othersRead) / 1_000_000);
        return values;
    }

    /**
     * The carry-last values: each measure's last value in the current score, decoded the first time a measure without
     * data asks (most scores have all their data, and decoding the explanation costs more than scoring).
     */
    private static java.util.function.Function<String, HealthScoring.Observed> lastSeen(HealthStore.Stored before,
            ScorecardDefinition scorecard) {
        if (before == null || scorecard.measures().stream().noneMatch(m -> m.missing() instanceof MissingDataPolicy.CarryLast)) {
            return key -> null;
        }
        Map<String, HealthScoring.Observed> last = new HashMap<>();
        boolean[] decoded = { false };
        return key -> {
            if (!decoded[0]) {
                decoded[0] = true;
                for (MeasureResult m : HealthStore.decode(before.measures(), null)) {
                    if (m.value() != null) {
                        last.put(m.key(), new HealthScoring.Observed(m.value(), m.observedOn()));
                    }
                }
            }
            return last.get(key);
        };
    }

    /** Scores the whole book as of a past date, without storing anything: the dry-run and the backtest use it. */
    public Map<Long, HealthScore> scoreAsOf(LocalDate day, Scorecards scorecards, Collection<Long> accountIds,
            Map<Long, Map<String, HealthScoring.Observed>> carried) {
        List<Scored> accounts = scoredAccountsForHistory(accountIds);
        InputValues values = inputs.read(day, scorecards.inputs(), accountIds);
        Map<Long, HealthScore> scores = new HashMap<>();
        for (Scored account : accounts) {
            ScorecardDefinition scorecard = scorecards.select(account.segment(), account.stage());
            Map<String, HealthScoring.Observed> last = carried.computeIfAbsent(account.id(), a -> new HashMap<>());
            HealthScore score = HealthScoring.score(scorecard, day, account.ageOn(day), key -> values.get(account.id(), key),
                    last::get);
            for (MeasureResult m : score.measures()) {
                if (!m.missing()) {
                    last.put(m.key(), new HealthScoring.Observed(m.value(), day));
                }
            }
            scores.put(account.id(), score);
        }
        return scores;
    }

    /**
     * Fills in the daily history from {@code from} to {@code to}: each day's score computed from the data
     * as it stood that day (snapshots with cause "history"), for a book that arrives with its past, such
     * as an import or the demo. Days that already have history snapshots are replaced.
     */
    public int backfill(LocalDate from, LocalDate to, java.util.function.Consumer<String> progress) {
        return backfill(from, to, progress, days -> { });
    }

    /** As {@link #backfill(LocalDate, LocalDate, java.util.function.Consumer)}, telling also each day done (1, 2 ...). */
    public int backfill(LocalDate from, LocalDate to, java.util.function.Consumer<String> progress,
            java.util.function.IntConsumer daysDone) {
        Scorecards scorecards = configuration.scorecards();
        List<Long> ids = scoredAccounts(null).stream().map(Scored::id).toList();
        Map<Long, Map<String, HealthScoring.Observed>> carried = new HashMap<>();
        int written = 0;
        for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
            LocalDate on = day;
            Map<Long, HealthScore> scored = scoreAsOf(day, scorecards, ids, carried);
            Instant taken = on.atTime(23, 59, 59).toInstant(ZoneOffset.UTC);
            List<HealthStore.Stored> rows = new ArrayList<>();
            Map<Long, String> causes = new HashMap<>();
            new java.util.TreeMap<>(scored).forEach((id, score) -> {
                rows.add(new HealthStore.Stored(id, on, taken, score.score(), score.band(), score.scorecard(), score.version(),
                        HealthStore.encode(score.measures()), null));
                causes.put(id, "history");
            });
            transactions.executeWithoutResult(tx -> {
                store.deleteHistory(on);
                store.write(rows, causes, false);
            });
            written += rows.size();
            daysDone.accept((int) java.time.temporal.ChronoUnit.DAYS.between(from, day) + 1);
            if (day.getDayOfMonth() == 1 || day.equals(to)) {
                progress.accept("  health history up to " + day + ": " + written + " daily scores");
            }
        }
        return written;
    }

    /**
     * Accounts for scoring the past: churned ones included (the past is when they were customers),
     * scored as mature, since the stage they were in then is not recorded.
     */
    List<Scored> scoredAccountsForHistory(Collection<Long> accountIds) {
        Set<Long> ids = accountIds == null ? null : new HashSet<>(accountIds);
        List<Scored> found = new ArrayList<>();
        jdbc.sql("select id, segment, lifecycle_stage, created_at from account order by id").query(rs -> {
            if (ids == null || ids.contains(rs.getLong(1))) {
                String stage = rs.getString(3).equals("CHURNED") ? "mature"
                        : org.lodestar.infrastructure.Labels.of(org.lodestar.accounts.LifecycleStage.valueOf(rs.getString(3)));
                found.add(new Scored(rs.getLong(1), rs.getString(2), stage, createdOn(rs, 4)));
            }
        });
        return customerStart(found, accountIds == null ? AccountSet.all() : AccountSet.of(accountIds));
    }

    /**
     * Scores today's book with the active scorecards and with {@code candidate} in place of the one of
     * its name, from the same inputs, and lists the accounts whose band would change, with the measures
     * that moved most.
     */
    public DryRun dryRun(ScorecardDefinition candidate) {
        Scorecards active = configuration.scorecards();
        Scorecards trial = active.with(candidate);
        LocalDate today = today();
        List<Scored> accounts = scoredAccounts(null);
        java.util.Set<MeasureInput.Key> keys = new java.util.LinkedHashSet<>(active.inputs());
        keys.addAll(trial.inputs());
        InputValues values = inputs.read(today, keys, null);
        Map<Long, HealthStore.Stored> current = store.current(null);
        Map<Long, String> names = new HashMap<>();
        jdbc.sql("select id, name from account").query(rs -> {
            names.put(rs.getLong(1), rs.getString(2));
        });
        List<DryRun.BandChange> changes = new ArrayList<>();
        int scoreChanges = 0;
        for (Scored account : accounts) {
            ScorecardDefinition now = active.select(account.segment(), account.stage());
            ScorecardDefinition then = trial.select(account.segment(), account.stage());
            HealthStore.Stored before = current.get(account.id());
            Integer age = account.ageOn(today);
            HealthScore a = HealthScoring.score(now, today, age, key -> values.get(account.id(), key), lastSeen(before, now));
            HealthScore b = HealthScoring.score(then, today, age, key -> values.get(account.id(), key), lastSeen(before, then));
            if (!Objects.equals(a.score(), b.score())) {
                scoreChanges++;
            }
            if (a.band() != b.band()) {
                changes.add(new DryRun.BandChange(account.id(), names.get(account.id()), account.segment(),
                        now.name() + " " + now.version(), a.score(), a.band(), then.name() + " " + then.version(), b.score(),
                        b.band(), why(a, b)));
            }
        }
        changes.sort(java.util.Comparator.comparing((DryRun.BandChange c) -> c.bandThen()).thenComparing(DryRun.BandChange::account));
        return new DryRun(candidate.name() + " " + candidate.version(), active.all().stream()
                .filter(s -> s.name().equals(candidate.name())).map(s -> s.name() + " " + s.version()).findFirst()
                .orElse("nothing (new scorecard)"), accounts.size(), scoreChanges, changes);
    }

    /** The measures whose contribution moved most between two scores of the same account. */
    static String why(HealthScore a, HealthScore b) {
        Map<String, BigDecimal> moves = new java.util.LinkedHashMap<>();
        Map<String, String> labels = new HashMap<>();
        for (MeasureResult m : a.measures()) {
            moves.merge(m.key(), m.contribution() == null ? BigDecimal.ZERO : m.contribution().negate(), BigDecimal::add);
            labels.put(m.key(), m.label());
        }
        for (MeasureResult m : b.measures()) {
            moves.merge(m.key(), m.contribution() == null ? BigDecimal.ZERO : m.contribution(), BigDecimal::add);
            labels.put(m.key(), m.label());
        }
        List<String> top = moves.entrySet().stream().filter(e -> e.getValue().signum() != 0)
                .sorted(java.util.Comparator.comparing((Map.Entry<String, BigDecimal> e) -> e.getValue().abs()).reversed())
                .limit(3).map(e -> labels.get(e.getKey()) + " " + (e.getValue().signum() > 0 ? "+" : "")
                        + e.getValue().toPlainString()).toList();
        return top.isEmpty() ? "no measure moved" : String.join(", ", top);
    }

    /**
     * True when some account that should have a score has none, scores are from before today, or some
     * account's inputs changed after its score (marked due and not yet rescored).
     */
    boolean stale() {
        Long unscored = jdbc.sql("select count(*) from account a where a.lifecycle_stage <> 'CHURNED' and not exists "
                + "(select 1 from account_health h where h.account_id = a.id and h.as_of = ?)").param(today())
                .query(Long.class).single();
        return unscored > 0 || jdbc.sql("select count(*) from health_rescore_due").query(Long.class).single() > 0;
    }

    public BigDecimal scoreOf(long accountId) {
        return store.current(accountId).map(HealthStore.Stored::score).orElse(null);
    }
}
