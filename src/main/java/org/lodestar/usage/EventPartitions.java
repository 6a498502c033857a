package org.lodestar.usage;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import org.lodestar.cluster.ClusterLocks;
import org.lodestar.errors.InvalidInput;
import org.lodestar.infrastructure.Databases;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

/**
 * The event log's monthly partitions on PostgreSQL (tracked_event_YYYY_MM, with a default partition for any day no
 * month holds): this month's and the next {@value #AHEAD} are made at start and each night, so events land in their
 * month; an old month can be detached and archived once its rollups are all that is wanted of it. On H2 the log is
 * one table and there is nothing to do.
 */
@Service
public class EventPartitions {

    /** Months made ahead of today. */
    static final int AHEAD = 3;
    private static final DateTimeFormatter SUFFIX = DateTimeFormatter.ofPattern("yyyy_MM");
    private static final Logger log = LoggerFactory.getLogger(EventPartitions.class);

    /** A partition of the event log: its table, its month (null for the default one) and about how many rows it has. */
    public record Partition(String table, YearMonth month, long rows) {
    }

    private final JdbcClient jdbc;
    private final Clock clock;
    private final ClusterLocks locks;
    private final boolean postgres;

    EventPartitions(JdbcClient jdbc, Clock clock, ClusterLocks locks, DataSource dataSource) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.locks = locks;
        this.postgres = Databases.isPostgres(dataSource);
    }

    /** Whether the log is partitioned here (PostgreSQL). */
    public boolean partitioned() {
        return postgres;
    }

    @EventListener(ApplicationReadyEvent.class)
    void atStart() {
        makeAhead();
    }

    @Scheduled(cron = "${lodestar.events.partition-cron:0 7 0 * * *}", zone = "UTC")
    void nightly() {
        makeAhead();
    }

    private void makeAhead() {
        if (postgres) {
            locks.runOnce("event-partitions", Duration.ofMinutes(10), Duration.ZERO, () -> ensureAhead(today()));
        }
    }

    public LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    }

    /**
     * Makes the partitions of the day's month and the next {@value #AHEAD} that do not exist; returns their tables. A
     * month whose events already sit in the default partition (the nightly pass did not run for months) is left there
     * and logged: they stay readable, and moving them is an operator's decision (docs/scale.md).
     */
    public List<String> ensureAhead(LocalDate day) {
        List<String> made = new ArrayList<>();
        if (!postgres) {
            return made;
        }
        YearMonth first = YearMonth.from(day);
        for (int i = 0; i <= AHEAD; i++) {
            YearMonth month = first.plusMonths(i);
            String table = table(month);
            if (exists(table)) {
                continue;
            }
            long stranded = jdbc.sql("select count(*) from tracked_event_default where on_date >= ? and on_date < ?")
                    .params(month.atDay(1), month.plusMonths(1).atDay(1)).query(Long.class).single();
            if (stranded > 0) {
                log.warn("The event log has {} events of {} in its default partition; its month partition was not made "
                        + "(docs/scale.md says how to move them)", stranded, month);
                continue;
            }
            jdbc.sql("create table " + table + " partition of tracked_event for values from ('" + month.atDay(1) + "') to ('"
                    + month.plusMonths(1).atDay(1) + "')").update();
            made.add(table);
        }
        return made;
    }

    /** The partitions, oldest month first, the default one last. */
    public List<Partition> list() {
        if (!postgres) {
            return List.of();
        }
        return jdbc.sql("select c.relname, c.reltuples from pg_inherits i join pg_class c on c.oid = i.inhrelid "
                + "join pg_class p on p.oid = i.inhparent where p.relname = 'tracked_event' order by c.relname")
                .query((rs, n) -> new Partition(rs.getString(1), monthOf(rs.getString(1)), Math.max(0, rs.getLong(2)))).list()
                .stream().sorted((a, b) -> a.month() == null ? 1 : b.month() == null ? -1 : a.month().compareTo(b.month()))
                .toList();
    }

    /**
     * Detaches the month partitions before {@code month} from the log: their tables stay, outside it, to archive
     * ({@code pg_dump -t}) and drop. This month and later cannot be detached. Returns the tables detached.
     */
    public List<String> detachBefore(YearMonth month) {
        if (!postgres) {
            throw new InvalidInput("database", "the event log is partitioned on PostgreSQL only; on the embedded database "
                    + "there is nothing to detach");
        }
        if (month.isAfter(YearMonth.from(today()))) {
            throw new InvalidInput("before", "expected a month up to this one (" + YearMonth.from(today()) + "), got " + month);
        }
        List<String> detached = new ArrayList<>();
        for (Partition p : list()) {
            if (p.month() != null && p.month().isBefore(month)) {
                jdbc.sql("alter table tracked_event detach partition " + p.table()).update();
                detached.add(p.table());
            }
        }
        return detached;
    }

    private boolean exists(String table) {
        return jdbc.sql("select count(*) from pg_class where relname = ?").param(table).query(Long.class).single() > 0;
    }

    static String table(YearMonth month) {
        return "tracked_event_" + month.format(SUFFIX);
    }

    private static YearMonth monthOf(String table) {
        String suffix = table.substring("tracked_event_".length());
        return suffix.matches("\\d{4}_\\d{2}") ? YearMonth.parse(suffix, SUFFIX) : null;
    }
}
