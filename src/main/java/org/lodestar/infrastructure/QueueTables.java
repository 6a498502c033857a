package org.lodestar.infrastructure;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Tables that work as queues, whose rows are written and deleted all day (rescore marks, stored batches, event
 * publications): on PostgreSQL each is vacuumed once it holds more dead rows than {@code lodestar.db.queue-vacuum-dead-rows}
 * and than live ones, so whatever reads it reads its few live rows, not every row it ever held. Autovacuum does this
 * where it is on and keeps up; some installations turn it off, or leave it too slow for a table that turns over every
 * second (without it, 3,664 rescore marks had grown to 672 MB of dead rows after an hour of steady ingestion, and every
 * rescoring pass read all of them). The module that owns a table registers it. Vacuum takes no lock that ordinary
 * writes wait for, and skips a table another node is vacuuming. H2 needs none of this.
 */
@Component
public class QueueTables {

    private static final Logger log = LoggerFactory.getLogger(QueueTables.class);
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]*");

    private final JdbcTemplate jdbc;
    private final boolean postgres;
    private final long deadRows;
    private final Set<String> tables = ConcurrentHashMap.newKeySet();

    QueueTables(JdbcTemplate jdbc, DataSource dataSource,
            @Value("${lodestar.db.queue-vacuum-dead-rows:10000}") long deadRows) {
        this.jdbc = jdbc;
        this.postgres = Databases.isPostgres(dataSource);
        this.deadRows = deadRows;
    }

    /** Keeps this table lean from now on. */
    public void register(String table) {
        if (!NAME.matcher(table).matches()) {
            throw new IllegalArgumentException("Expected a table name of lower-case letters, digits and underscores, got '"
                    + table + "'");
        }
        tables.add(table);
    }

    /** Vacuums the registered tables with many dead rows; returns those it vacuumed. */
    @Scheduled(fixedDelayString = "${lodestar.db.queue-vacuum-delay:PT10S}",
            initialDelayString = "${lodestar.db.queue-vacuum-delay:PT10S}")
    public List<String> vacuum() {
        return vacuum(deadRows);
    }

    /** Vacuums the registered tables with at least this many dead rows, and more dead rows than live ones. */
    List<String> vacuum(long atLeast) {
        if (!postgres || tables.isEmpty()) {
            return List.of();
        }
        List<String> due = jdbc.queryForList("select relname from pg_stat_user_tables where relname = any(?) "
                + "and n_dead_tup >= ? and n_dead_tup >= n_live_tup order by relname", String.class,
                tables.stream().sorted().toArray(String[]::new), atLeast);
        for (String table : due) {
            long started = System.nanoTime();
            // Outside any transaction (VACUUM cannot run in one): the pool's connections commit each statement.
            jdbc.execute("vacuum (skip_locked) " + table);
            log.debug("Vacuumed {} in {} ms", table, (System.nanoTime() - started) / 1_000_000);
        }
        return due;
    }
}
