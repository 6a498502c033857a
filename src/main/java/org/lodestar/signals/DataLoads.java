package org.lodestar.signals;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;

import org.lodestar.audit.Actor;
import org.lodestar.audit.Actors;
import org.lodestar.cluster.ClusterLocks;
import org.lodestar.errors.Conflict;
import org.lodestar.errors.InvalidInput;
import org.lodestar.errors.NotFound;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Loads of the book in settling mode. While a load is open (begun, neither completed nor past its time limit), signals
 * are not evaluated as data arrives: the accounts rescored meanwhile are noted ({@code signal_deferred}) and evaluated
 * once, together, when the last open load completes. So a book loaded file by file (accounts, contracts, then usage),
 * or a usage backfill sent oldest or newest first, never fires a play from half its data. A load left open completes by
 * itself at its time limit, so signals are never held back for good.
 */
@Service
public class DataLoads {

    private static final Logger log = LoggerFactory.getLogger(DataLoads.class);
    private static final Actor ACTOR = Actor.automation("signals");
    /** The longest a load may stay open. */
    public static final Duration LONGEST = Duration.ofHours(24);

    /** A load: open until {@code completedAt}; {@code evaluated} accounts were evaluated when it completed. */
    public record Load(long id, String name, Instant startedAt, String startedBy, Instant expiresAt, Instant completedAt,
            Integer evaluated) {

        public boolean open() {
            return completedAt == null;
        }
    }

    private static final RowMapper<Load> ROW = (rs, n) -> new Load(rs.getLong("id"), rs.getString("name"),
            rs.getTimestamp("started_at").toInstant(), rs.getString("started_by"), rs.getTimestamp("expires_at").toInstant(),
            rs.getTimestamp("completed_at") == null ? null : rs.getTimestamp("completed_at").toInstant(),
            (Integer) rs.getObject("evaluated", Integer.class));

    private final JdbcClient jdbc;
    private final Signals signals;
    private final TransactionTemplate transactions;
    private final ClusterLocks locks;
    private final Clock clock;

    DataLoads(JdbcClient jdbc, Signals signals, TransactionTemplate transactions, ClusterLocks locks, Clock clock) {
        this.jdbc = jdbc;
        this.signals = signals;
        this.transactions = transactions;
        this.locks = locks;
        this.clock = clock;
    }

    /** Opens a load: signals wait until it (and any other open load) completes, or until {@code within} has passed. */
    public Load begin(String name, Duration within) {
        var problems = new InvalidInput.Collector();
        if (name == null || name.isBlank() || name.trim().length() > 200) {
            problems.add("name", "expected what is being loaded, 1 to 200 characters");
        }
        if (within == null || within.isNegative() || within.isZero() || within.compareTo(LONGEST) > 0) {
            problems.add("within", "expected a time limit from a second to " + LONGEST.toHours() + " hours, such as PT2H; got "
                    + within);
        }
        problems.throwIfAny();
        Instant now = clock.instant();
        var key = new GeneratedKeyHolder();
        jdbc.sql("insert into data_load (name, started_at, started_by, expires_at) values (?, ?, ?, ?)")
                .params(name.trim(), Timestamp.from(now), Actors.current().toString(), Timestamp.from(now.plus(within)))
                .update(key, "id");
        return get(key.getKey().longValue());
    }

    public Load get(long id) {
        return jdbc.sql("select * from data_load where id = ?").param(id).query(ROW).optional()
                .orElseThrow(() -> new NotFound("Load " + id));
    }

    /** The most recent loads first. */
    public List<Load> list(int limit) {
        return jdbc.sql("select * from data_load order by id desc limit " + Math.max(1, Math.min(limit, 500))).query(ROW).list();
    }

    /** Whether signals are waiting for a load now. */
    public boolean settling() {
        return jdbc.sql("select count(*) from data_load where completed_at is null and expires_at > ?")
                .param(Timestamp.from(clock.instant())).query(Long.class).single() > 0;
    }

    /** Notes rescored accounts for the evaluation at the end of the load (in the caller's transaction). */
    void defer(Collection<Long> accountIds) {
        Timestamp now = Timestamp.from(clock.instant());
        for (long id : new java.util.TreeSet<>(accountIds)) {
            jdbc.sql("insert into signal_deferred (account_id, since) values (?, ?) on conflict do nothing").params(id, now)
                    .update();
        }
    }

    /** Notes the whole book (the daily pass during a load): every account is evaluated when the load completes. */
    void deferAll() {
        jdbc.sql("insert into signal_deferred (account_id, since) select id, ? from account on conflict do nothing")
                .param(Timestamp.from(clock.instant())).update();
    }

    /** Completes a load; when no other load is open, evaluates every account rescored while signals waited. */
    public Load complete(long id) {
        Load load = get(id);
        if (!load.open()) {
            throw new Conflict("Load " + id + " (" + load.name() + ") completed at " + load.completedAt());
        }
        jdbc.sql("update data_load set completed_at = ? where id = ? and completed_at is null")
                .params(Timestamp.from(clock.instant()), id).update();
        int evaluated = settling() ? 0 : evaluateDeferred();
        jdbc.sql("update data_load set evaluated = ? where id = ?").params(evaluated, id).update();
        return get(id);
    }

    /** Evaluates the accounts noted while signals waited, if no load is open any more; returns how many. */
    int evaluateDeferred() {
        List<Long> deferred = jdbc.sql("select account_id from signal_deferred order by account_id").query(Long.class).list();
        if (deferred.isEmpty()) {
            return 0;
        }
        transactions.executeWithoutResult(tx -> {
            Actors.runAs(ACTOR, () -> signals.evaluate(deferred));
            org.lodestar.infrastructure.IdLists.inChunks(deferred, (in, params) -> jdbc.sql("delete from signal_deferred "
                    + "where account_id" + in).params(params).update());
        });
        log.info("Signals evaluated once for the {} accounts rescored during the load", deferred.size());
        return deferred.size();
    }

    /** Loads past their time limit complete by themselves, on one node. */
    @Scheduled(fixedDelayString = "${lodestar.signals.load-check-delay:PT1M}")
    void completeExpired() {
        locks.runOnce("data-loads-expiry", Duration.ofMinutes(5), Duration.ZERO, () -> {
            for (Load load : jdbc.sql("select * from data_load where completed_at is null and expires_at <= ?")
                    .param(Timestamp.from(clock.instant())).query(ROW).list()) {
                log.warn("Load {} ({}) reached its time limit without completing; completing it", load.id(), load.name());
                complete(load.id());
            }
            if (!settling()) {
                evaluateDeferred();
            }
        });
    }
}
