package org.lodestar.usage;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Usage that arrives as daily counts per feature rather than as events (a data set's feature usage
 * table). A source's counts are replaced as a whole, so importing the same file again changes
 * nothing, and the rollups of every account concerned are recounted.
 */
@Service
public class UsageImports {

    /** Events of one feature on one account on one day. */
    public record DailyCount(long accountId, LocalDate day, String feature, long events) {
    }

    private final JdbcClient jdbc;
    private final JdbcTemplate batches;
    private final UsageRollups rollups;

    UsageImports(JdbcClient jdbc, JdbcTemplate batches, UsageRollups rollups) {
        this.jdbc = jdbc;
        this.batches = batches;
        this.rollups = rollups;
    }

    /** Replaces what {@code source} imported before with {@code counts}; returns the accounts recounted. */
    @Transactional
    public Set<Long> replace(String source, List<DailyCount> counts) {
        Set<Long> affected = new HashSet<>(jdbc.sql("select distinct account_id from imported_usage where source = ?")
                .param(source).query(Long.class).list());
        jdbc.sql("delete from imported_usage where source = ?").param(source).update();
        List<Object[]> rows = new ArrayList<>(counts.size());
        for (DailyCount count : counts) {
            rows.add(new Object[] { count.accountId(), count.day(), count.feature(), count.events(), source });
            affected.add(count.accountId());
        }
        batches.batchUpdate("insert into imported_usage (account_id, on_date, feature, events, source) "
                + "values (?, ?, ?, ?, ?)", rows);
        rollups.rebuild(affected);
        return affected;
    }
}
