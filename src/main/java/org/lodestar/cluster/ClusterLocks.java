package org.lodestar.cluster;

import java.time.Duration;
import java.time.Instant;

import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockingTaskExecutor;

import org.springframework.dao.TransientDataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The two kinds of database lock Lodestar's nodes share.
 * <ul>
 * <li>{@link #runOnce}: a scheduled pass (nightly recompute, daily signal pass, rollups) runs on one
 * node; a node that finds it taken skips that run. ShedLock's row frees itself after {@code atMostFor}
 * if its node died.</li>
 * <li>{@link #hold}: a serial section (scoring, signal evaluation, starting plays) waits for whoever
 * holds it, on any node, and is held until the current transaction ends.</li>
 * </ul>
 */
@Component
public class ClusterLocks {

    /** Longer than the longest serial work (a full recompute of a large book). */
    private static final Duration GIVE_UP_AFTER = Duration.ofMinutes(10);

    private final JdbcClient jdbc;
    private final LockingTaskExecutor passes;

    ClusterLocks(JdbcClient jdbc, LockingTaskExecutor passes) {
        this.jdbc = jdbc;
        this.passes = passes;
    }

    /**
     * Runs {@code pass} unless another node runs it now or finished it less than {@code atLeastFor} ago
     * (so a nightly pass that fires on every node at 02:30 runs once); returns whether it ran here.
     */
    public boolean runOnce(String pass, Duration atMostFor, Duration atLeastFor, Runnable work) {
        try {
            return passes.executeWithLock(() -> {
                work.run();
                return true;
            }, new LockConfiguration(Instant.now(), pass, atMostFor, atLeastFor)).wasExecuted();
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(pass + " failed: " + e.getMessage(), e);
        }
    }

    /**
     * Holds {@code section} until the current transaction commits or rolls back, waiting while another
     * transaction holds it. Holding it again in the same transaction is free.
     */
    public void hold(SerialSection section) {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("Holding " + section.row() + " needs a transaction to hold it for");
        }
        long deadline = System.nanoTime() + GIVE_UP_AFTER.toNanos();
        while (true) {
            try {
                if (jdbc.sql("select name from work_lock where name = ? for update").param(section.row()).query(String.class)
                        .optional().isPresent()) {
                    return;
                }
                // A section newer than the database's rows: add its row, then lock it.
                jdbc.sql("insert into work_lock (name) values (?) on conflict do nothing").param(section.row()).update();
            } catch (TransientDataAccessException e) {
                // H2 gives up after its lock timeout (a second or two) and leaves the transaction usable;
                // PostgreSQL waits as long as it takes. Either way the holder will finish: ask again, for a while.
                if (System.nanoTime() > deadline) {
                    throw e;
                }
            }
        }
    }
}
