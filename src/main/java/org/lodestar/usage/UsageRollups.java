package org.lodestar.usage;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.lodestar.cluster.ClusterLocks;
import org.lodestar.cluster.SerialSection;
import org.lodestar.infrastructure.DatabaseGauges;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;

/**
 * Keeps the rollups per account per day: events and active users ({@code usage_day}), who was active
 * ({@code usage_user_day}) and events per feature ({@code usage_feature_day}). Every stored request is
 * a batch in {@code ingest_batch}; the worker adds each batch's calls to the days they happened on,
 * however late they arrived, then forgets the batch. Only track, page and screen calls are usage.
 * {@link #rebuild} recounts accounts from scratch (after an import of daily counts, or to check).
 * Both hold one serial section (a database row lock), so two processes never count the same batch twice.
 */
@Service
public class UsageRollups {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(UsageRollups.class);
    private static final int BATCHES_AT_ONCE = 200;
    private static final String ACTIVITY = "type in ('track', 'page', 'screen')";

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final ApplicationEventPublisher events;
    private final ClusterLocks locks;
    private final Clock clock;
    private final Timer lag;

    UsageRollups(JdbcClient jdbc, PlatformTransactionManager transactions,
            ApplicationEventPublisher events, ClusterLocks locks, org.lodestar.infrastructure.QueueTables queues,
            Clock clock, MeterRegistry meters, DatabaseGauges gauges) {
        // A stored request is a row until the worker has added it.
        queues.register("ingest_batch");
        this.jdbc = jdbc;
        this.transactions = new TransactionTemplate(transactions);
        this.events = events;
        this.locks = locks;
        this.clock = clock;
        this.lag = Timer.builder("lodestar.ingest.lag")
                .description("From a tracking request's receipt to the commit of the rollup that counted its calls, "
                        + "per request, on the node that rolled it up")
                .register(meters);
        gauges.register("lodestar.ingest.backlog.age", "Age of the oldest tracking request stored and not yet rolled up "
                + "(0 when none waits), all nodes", "seconds", Tags.empty(), this::backlogAge);
    }

    /** Seconds since the oldest batch waiting for the worker was received; the lowest id is the earliest stored. */
    private double backlogAge() {
        return jdbc.sql("select received_at from ingest_batch order by id limit 1").query(Timestamp.class).optional()
                .map(received -> Math.max(0, Duration.between(received.toInstant(), clock.instant()).toMillis() / 1000.0))
                .orElse(0.0);
    }

    /**
     * The worker: on one node at a time (the row lock alone would keep counts right, but the other nodes
     * would wait on it with a connection each). A node that dies while draining holds the pass for at
     * most half a minute.
     */
    @Scheduled(fixedDelayString = "${lodestar.usage.rollup-delay-ms:500}")
    void drainOnSchedule() {
        locks.runOnce("usage-rollups", Duration.ofSeconds(30), Duration.ZERO, this::drain);
    }

    /** Adds every stored batch to the rollups; returns how many batches it added. */
    public int drain() {
        int total = 0;
        long started = System.nanoTime();
        while (true) {
            List<Instant> received = new ArrayList<>();
            Integer done = transactions.execute(status -> {
                Map<Long, LocalDate> changed = new HashMap<>();
                int added = addBatches(changed, received);
                if (!changed.isEmpty()) {
                    // In the rollup's transaction: what follows usage (health) marks its work in it too.
                    events.publishEvent(new UsageChanged(changed));
                }
                return added;
            });
            Instant committed = clock.instant();
            // Another node's clock may run ahead of this one's: a negative lag counts as none.
            received.forEach(at -> lag.record(Duration.between(at, committed).isNegative() ? Duration.ZERO
                    : Duration.between(at, committed)));
            if (done == null || done == 0) {
                if (total > 0) {
                    log.debug("Added {} batches to the rollups in {} ms", total, (System.nanoTime() - started) / 1_000_000);
                }
                return total;
            }
            total += done;
        }
    }

    /**
     * Adds up to {@link #BATCHES_AT_ONCE} batches; {@code changed} gets each account touched and its earliest day,
     * {@code received} when each batch was received.
     */
    private int addBatches(Map<Long, LocalDate> changed, List<Instant> received) {
        lock();
        List<Long> batches = new ArrayList<>();
        jdbc.sql("select id, received_at from ingest_batch order by id limit " + BATCHES_AT_ONCE).query(rs -> {
            batches.add(rs.getLong(1));
            received.add(rs.getTimestamp(2).toInstant());
        });
        if (batches.isEmpty()) {
            return 0;
        }
        String inBatches = "batch_id in (:batches) and " + ACTIVITY;
        jdbc.sql("insert into usage_user_day (account_id, on_date, user_key) select distinct account_id, on_date, user_key "
                + "from tracked_event where " + inBatches + " on conflict do nothing")
                .param("batches", batches).update();
        // Active users are counted from the user-days just added: one statement for every day touched.
        jdbc.sql("""
                merge into usage_day d
                using (select t.account_id, t.on_date, count(*) as events,
                              (select count(*) from usage_user_day u where u.account_id = t.account_id
                                   and u.on_date = t.on_date) as users
                       from tracked_event t where %s group by t.account_id, t.on_date) v
                on d.account_id = v.account_id and d.on_date = v.on_date
                when matched then update set events = d.events + v.events, active_users = v.users
                when not matched then insert (account_id, on_date, events, active_users)
                    values (v.account_id, v.on_date, v.events, v.users)""".formatted("t.batch_id in (:batches) and t." + ACTIVITY))
                .param("batches", batches).update();
        List<Object[]> touched = jdbc.sql("select distinct account_id, on_date from tracked_event where " + inBatches)
                .param("batches", batches)
                .query((rs, n) -> new Object[] { rs.getLong("account_id"), rs.getObject("on_date", LocalDate.class) })
                .list();
        jdbc.sql("""
                merge into usage_feature_day f
                using (select account_id, on_date, event as feature, max(module) as module, count(*) as events
                       from tracked_event where batch_id in (:batches) and type = 'track'
                       group by account_id, on_date, event) v
                on f.account_id = v.account_id and f.on_date = v.on_date and f.feature = v.feature
                when matched then update set events = f.events + v.events, module = coalesce(v.module, f.module)
                when not matched then insert (account_id, on_date, feature, module, events)
                    values (v.account_id, v.on_date, v.feature, v.module, v.events)""")
                .param("batches", batches).update();
        touched.forEach(key -> changed.merge((Long) key[0], (LocalDate) key[1], (a, b) -> a.isBefore(b) ? a : b));
        jdbc.sql("delete from ingest_batch where id in (:batches)").param("batches", batches).update();
        return batches.size();
    }

    /**
     * Recounts these accounts' rollups from their events and imported daily counts. Calls whose batch
     * the worker has not added yet are left to it, so nothing is counted twice.
     */
    public void rebuild(Collection<Long> accountIds) {
        if (accountIds.isEmpty()) {
            return;
        }
        transactions.executeWithoutResult(status -> {
            recount(accountIds);
            Map<Long, LocalDate> changed = new HashMap<>();
            accountIds.forEach(id -> changed.put(id, UsageChanged.ANY_DAY));
            events.publishEvent(new UsageChanged(changed));
        });
    }

    private void recount(Collection<Long> accountIds) {
        lock();
        String counted = "account_id in (:accounts) and not exists (select 1 from ingest_batch b where b.id = tracked_event.batch_id)";
        for (String table : List.of("usage_user_day", "usage_feature_day", "usage_day")) {
            jdbc.sql("delete from " + table + " where account_id in (:accounts)").param("accounts", accountIds).update();
        }
        jdbc.sql("insert into usage_user_day (account_id, on_date, user_key) select distinct account_id, on_date, user_key "
                + "from tracked_event where " + counted + " and " + ACTIVITY)
                .param("accounts", accountIds).update();
        jdbc.sql("""
                insert into usage_feature_day (account_id, on_date, feature, module, events)
                select account_id, on_date, feature, max(module), sum(events) from (
                    select account_id, on_date, event as feature, module, count(*) as events from tracked_event
                    where %s and type = 'track' group by account_id, on_date, event, module
                    union all
                    select account_id, on_date, feature, null, sum(events) from imported_usage
                    where account_id in (:accounts) group by account_id, on_date, feature) x
                group by account_id, on_date, feature""".formatted(counted))
                .param("accounts", accountIds).update();
        jdbc.sql("""
                insert into usage_day (account_id, on_date, events, active_users)
                select account_id, on_date, sum(events), 0 from (
                    select account_id, on_date, count(*) as events from tracked_event
                    where %s and %s group by account_id, on_date
                    union all
                    select account_id, on_date, sum(events) from imported_usage
                    where account_id in (:accounts) group by account_id, on_date) x
                group by account_id, on_date""".formatted(counted, ACTIVITY))
                .param("accounts", accountIds).update();
        jdbc.sql("""
                update usage_day d set active_users = (select count(*) from usage_user_day u
                    where u.account_id = d.account_id and u.on_date = d.on_date)
                where d.account_id in (:accounts)""")
                .param("accounts", accountIds).update();
    }

    /** Waits for any other drain or recount, on any node, to commit. */
    private void lock() {
        locks.hold(SerialSection.USAGE_ROLLUPS);
    }
}
