package org.lodestar.health;

import org.lodestar.health.internal.ClosedUsage;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;

import io.micrometer.core.instrument.Tags;

import org.lodestar.accounts.AccountDataChanged;
import org.lodestar.accounts.AccountFact;
import org.lodestar.cluster.ClusterLocks;
import org.lodestar.cluster.SerialSection;
import org.lodestar.infrastructure.DatabaseGauges;
import org.lodestar.usage.UsageChanged;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Keeps scores fresh, durably. A change to an account's usage, tickets, surveys, invoices, stakeholders
 * or contracts marks the account due ({@code health_rescore_due}) in the change's own transaction, which
 * also stores one {@link RescoreDue} event; its listener rescores what is due moments after the commit
 * (changes arriving together are scored together). A crash between the change and the rescore loses
 * nothing: the event is published again on restart, and {@link HealthScores#stale()} sees the marks.
 * The whole book is recomputed on a schedule (a snapshot per account per day) and at start-up when the
 * scores are stale, each on one node.
 */
@Component
class HealthFreshness {

    private static final Logger log = LoggerFactory.getLogger(HealthFreshness.class);
    /**
     * Accounts rescored per event; more due than this chains another event. As many as a full recompute of a
     * large book scores at once: from a twentieth of the book on, a pass reads every account's inputs anyway
     * ({@link HealthInputs}), so each account left for a later pass costs another whole-book read. With 5,000
     * the passes fell behind under steady ingestion (5,000 events/s mark about as many accounts a second): a
     * change waited behind most of the book, 40 s and more, and the benchmark gave up on it.
     */
    static final int MOST_AT_ONCE = 100_000;
    /** Marks read per pass at most (an account marked by many changes has many); more chain another event. */
    static final int MARKS_AT_ONCE = 1_000_000;
    /** Marks deleted per statement (two parameters each; drivers cap a statement's parameters). */
    private static final int CLEARED_AT_ONCE = 500;

    private final HealthScores scores;
    private final JdbcClient jdbc;
    private final JdbcTemplate template;
    private final ClusterLocks locks;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final boolean recomputeOnStart;
    private final boolean live;
    private final Duration rescoreDelay;
    private final Duration passSpacing;

    /**
     * @param live false turns event-driven rescoring off (tests that set scores by hand)
     * @param rescoreDelay for tests only: holds every rescore back this long, so a test can kill the
     *        server between a change and its rescore
     * @param passSpacing how long after a scheduled pass another node's run of it is skipped (the nodes'
     *        timers fire moments apart)
     */
    HealthFreshness(HealthScores scores, JdbcClient jdbc, JdbcTemplate template, ClusterLocks locks,
            ApplicationEventPublisher events, TransactionTemplate transactions, Clock clock,
            @Value("${lodestar.health.recompute-on-start:true}") boolean recomputeOnStart,
            @Value("${lodestar.health.live:true}") boolean live,
            @Value("${lodestar.health.test-rescore-delay:PT0S}") Duration rescoreDelay,
            @Value("${lodestar.cluster.pass-spacing:PT5M}") Duration passSpacing, DatabaseGauges gauges,
            org.lodestar.infrastructure.QueueTables queues) {
        // Marks are written by every change and cleared by every pass.
        queues.register("health_rescore_due");
        this.scores = scores;
        this.jdbc = jdbc;
        this.template = template;
        this.locks = locks;
        this.events = events;
        this.transactions = transactions;
        this.clock = clock;
        this.recomputeOnStart = recomputeOnStart;
        this.live = live;
        this.rescoreDelay = rescoreDelay;
        this.passSpacing = passSpacing;
        gauges.register("lodestar.health.rescore.due", "Accounts whose inputs changed and that wait for a rescore, "
                + "all nodes", null, Tags.empty(),
                () -> jdbc.sql("select count(distinct account_id) from health_rescore_due").query(Long.class).single());
        gauges.register("lodestar.health.rescore.lag", "Age of the oldest change still waiting for its rescore (0 when "
                + "none waits), all nodes", "seconds", Tags.empty(), this::rescoreLag);
    }

    /** Seconds since the earliest change whose account waits for a rescore. */
    private double rescoreLag() {
        Timestamp oldest = jdbc.sql("select min(changed_at) from health_rescore_due").query(Timestamp.class).optional()
                .orElse(null);
        return oldest == null ? 0 : Math.max(0, Duration.between(oldest.toInstant(), clock.instant()).toMillis() / 1000.0);
    }

    /** In the rollup's transaction. */
    @EventListener
    void on(UsageChanged event) {
        markDue(event.accountIds(), AccountFact.USAGE, event.earliestDays());
    }

    /** In the transaction of the change. */
    @EventListener
    void on(AccountDataChanged event) {
        markDue(event.accountIds(), event.what(), Map.of());
    }

    /**
     * Marks the accounts due in the current transaction (in a new one if there is none) and, the first
     * time in a transaction, stores the event that has them rescored after it commits. The marks are
     * written once, just before the commit, so a transaction that touches the whole book (the nightly
     * contract refresh, an import) writes each account once.
     *
     * @param usageDays for a usage change, the earliest day whose usage changed per account: a change to today's
     *        alone is rescored from the account's summary of earlier days ({@link ClosedUsage})
     */
    void markDue(Collection<Long> accountIds, AccountFact what, Map<Long, LocalDate> usageDays) {
        if (!live || accountIds.isEmpty()) {
            return;
        }
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            transactions.executeWithoutResult(tx -> markDue(accountIds, what, usageDays));
            return;
        }
        Marks marks = (Marks) TransactionSynchronizationManager.getResource(Marks.class);
        if (marks == null) {
            Marks pending = new Marks();
            TransactionSynchronizationManager.bindResource(Marks.class, pending);
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void beforeCommit(boolean readOnly) {
                    pending.written = true;
                    write(pending.accounts, pending.usageDays);
                }

                @Override
                public void afterCompletion(int status) {
                    TransactionSynchronizationManager.unbindResourceIfPossible(Marks.class);
                }
            });
            events.publishEvent(new RescoreDue(UUID.randomUUID()));
            marks = pending;
        }
        if (marks.written) {
            // Marked by another synchronization's work before the commit, after ours wrote: write now.
            Map<Long, Set<AccountFact>> late = new TreeMap<>();
            accountIds.forEach(id -> late.put(id, EnumSet.of(what)));
            write(late, usageDays);
        } else {
            for (long id : accountIds) {
                marks.accounts.computeIfAbsent(id, a -> EnumSet.noneOf(AccountFact.class)).add(what);
            }
            Map<Long, LocalDate> days = marks.usageDays;
            usageDays.forEach((id, day) -> days.merge(id, day, HealthFreshness::earlier));
        }
    }

    /** The accounts a transaction marks due, written just before it commits. */
    private static final class Marks {
        final Map<Long, Set<AccountFact>> accounts = new TreeMap<>();
        final Map<Long, LocalDate> usageDays = new HashMap<>();
        boolean written;
    }

    /** The columns of {@code health_rescore_due} that say a kind of fact changed, one per {@link AccountFact}, in order. */
    private static final String FACT_COLUMNS = Arrays.stream(AccountFact.values())
            .map(fact -> "changed_" + fact.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", "));

    private static LocalDate earlier(LocalDate a, LocalDate b) {
        return a.isBefore(b) ? a : b;
    }

    /**
     * Marks the accounts due with what changed: a row per account, appended (rows of one account add up when read).
     * Nothing is updated in place, so marking never waits on a pass clearing earlier marks, nor the other way round.
     */
    private void write(Map<Long, Set<AccountFact>> changed, Map<Long, LocalDate> usageDays) {
        Timestamp now = Timestamp.from(clock.instant());
        String values = String.join(", ", java.util.Collections.nCopies(AccountFact.values().length + 3, "?"));
        template.batchUpdate("insert into health_rescore_due (account_id, changed_at, usage_from, " + FACT_COLUMNS + ") values ("
                + values + ")", new TreeSet<>(changed.keySet()).stream().map(id -> {
                    Set<AccountFact> what = changed.get(id);
                    Object[] row = new Object[AccountFact.values().length + 3];
                    row[0] = id;
                    row[1] = now;
                    // A usage change without its day (none so far) counts as one to any day.
                    row[2] = what.contains(AccountFact.USAGE) ? usageDays.getOrDefault(id, UsageChanged.ANY_DAY) : null;
                    for (AccountFact fact : AccountFact.values()) {
                        row[3 + fact.ordinal()] = what.contains(fact);
                    }
                    return row;
                }).toList());
    }

    /**
     * Rescores the accounts due (up to {@link #MOST_AT_ONCE}; if more are due, another event follows) and deletes
     * the marks it read: a mark added meanwhile stays, for the next pass. Holding the scoring section first makes a
     * second listener wait and then find the marks this one deleted.
     */
    @ApplicationModuleListener
    void on(RescoreDue event) throws InterruptedException {
        if (!rescoreDelay.isZero()) {
            Thread.sleep(rescoreDelay);
        }
        locks.hold(SerialSection.HEALTH_SCORES);
        // Per account in the order first marked: the kinds of fact changed, the earliest usage day, its marks.
        Map<Long, Set<AccountFact>> changed = new java.util.LinkedHashMap<>();
        Map<Long, LocalDate> usageDays = new HashMap<>();
        Map<Long, List<Long>> marks = new HashMap<>();
        boolean[] more = { false };
        int[] rows = { 0 };
        jdbc.sql("select id, account_id, usage_from, " + FACT_COLUMNS + " from health_rescore_due order by id limit "
                + (MARKS_AT_ONCE + 1)).query(rs -> {
                    long account = rs.getLong(2);
                    if (++rows[0] > MARKS_AT_ONCE || !changed.containsKey(account) && changed.size() == MOST_AT_ONCE) {
                        more[0] = true;
                        return;
                    }
                    Set<AccountFact> what = EnumSet.noneOf(AccountFact.class);
                    for (AccountFact fact : AccountFact.values()) {
                        if (rs.getBoolean(4 + fact.ordinal())) {
                            what.add(fact);
                        }
                    }
                    // A mark without kinds (from before they were kept): anything may have changed.
                    changed.computeIfAbsent(account, a -> EnumSet.noneOf(AccountFact.class))
                            .addAll(what.isEmpty() ? EnumSet.allOf(AccountFact.class) : what);
                    LocalDate usageFrom = rs.getObject(3, LocalDate.class);
                    if (usageFrom != null) {
                        usageDays.merge(account, usageFrom, HealthFreshness::earlier);
                    }
                    marks.computeIfAbsent(account, a -> new ArrayList<>()).add(rs.getLong(1));
                });
        if (changed.isEmpty()) {
            return;
        }
        Recompute result = scores.rescore(changed, usageDays, done -> { });
        log.debug("Rescored {} accounts due ({} changed) in {} ms: reading {} ms, scoring {} ms, writing {} ms",
                result.accounts(), result.changed(), result.millis(), result.readMillis(), result.scoreMillis(),
                result.writeMillis());
        clear(marks);
        if (more[0]) {
            events.publishEvent(new RescoreDue(UUID.randomUUID()));
        }
    }

    /** Deletes the marks a pass read, by their keys, a few hundred to a statement (two parameters each). */
    private void clear(Map<Long, List<Long>> marks) {
        List<long[]> keys = new ArrayList<>();
        new TreeMap<>(marks).forEach((account, ids) -> ids.forEach(id -> keys.add(new long[] { account, id })));
        for (int from = 0; from < keys.size(); from += CLEARED_AT_ONCE) {
            List<long[]> part = keys.subList(from, Math.min(keys.size(), from + CLEARED_AT_ONCE));
            List<Object> params = new ArrayList<>(part.size() * 2);
            part.forEach(key -> {
                params.add(key[0]);
                params.add(key[1]);
            });
            jdbc.sql("delete from health_rescore_due where (account_id, id) in ("
                    + String.join(", ", java.util.Collections.nCopies(part.size(), "(?, ?)")) + ")").params(params).update();
        }
    }

    @Scheduled(cron = "${lodestar.health.recompute-cron:0 30 2 * * *}", zone = "UTC")
    void daily() {
        locks.runOnce("health-daily-recompute", Duration.ofHours(2), passSpacing, () -> {
            Recompute result = scores.recomputeAll(done -> { });
            log.info("Daily health recompute: {} accounts, {} changed, {} changed band, {} ms", result.accounts(),
                    result.changed(), result.bandChanges(), result.millis());
            prepareSummaries();
        });
    }

    @EventListener(ApplicationReadyEvent.class)
    void onStart() {
        if (recomputeOnStart && scores.stale()) {
            Thread.ofVirtual().name("health-start").start(() -> locks.runOnce("health-start-recompute", Duration.ofHours(2),
                    passSpacing, () -> {
                        Recompute result = scores.recomputeAll(done -> { });
                        log.info("Health scores brought up to date: {} accounts, {} changed in {} ms", result.accounts(),
                                result.changed(), result.millis());
                        prepareSummaries();
                    }));
        }
    }

    /** The day's usage summaries, so that the day's first usage changes are rescored from them. */
    private void prepareSummaries() {
        long started = System.nanoTime();
        int kept = scores.prepareUsageSummaries();
        log.info("Usage summaries of earlier days kept for {} accounts in {} ms", kept, (System.nanoTime() - started) / 1_000_000);
    }
}
