package org.lodestar.health;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;

import org.lodestar.accounts.AccountSet;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Health scores of many accounts, read in bulk: the current one, and the band the history held on a past day. */
@Repository
public class HealthFacts {

    /** A score (null when no measure had data) and its band. */
    public record Current(BigDecimal score, Band band) {
    }

    private final JdbcClient jdbc;

    HealthFacts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Each account's current score. */
    public Map<Long, Current> current(AccountSet accounts) {
        Map<Long, Current> current = new HashMap<>();
        accounts.inParts(part -> jdbc.sql("select account_id, score, band from account_health where 1 = 1"
                + part.where("account_id")).params(part.params()).query(rs -> {
                    current.put(rs.getLong(1), new Current(rs.getBigDecimal(2), Band.valueOf(rs.getString(3))));
                }));
        return current;
    }

    /**
     * The band of each account's last snapshot on or before the day, looking back at most {@code lookbackDays}
     * before it (an account with no snapshot in that time is absent).
     */
    public Map<Long, Band> bandOn(AccountSet accounts, LocalDate day, int lookbackDays) {
        Map<Long, Object[]> latest = new HashMap<>();
        accounts.inParts(part -> jdbc.sql("select account_id, as_of, id, band from health_snapshot where as_of <= ? and as_of > ?"
                + part.where("account_id")).params(part.params(day, day.minusDays(lookbackDays))).query(rs -> {
                    Object[] row = { rs.getObject(2, LocalDate.class), rs.getLong(3), Band.valueOf(rs.getString(4)) };
                    latest.merge(rs.getLong(1), row, (a, b) -> later(a, b) ? a : b);
                }));
        Map<Long, Band> bands = new HashMap<>();
        latest.forEach((account, row) -> bands.put(account, (Band) row[2]));
        return bands;
    }

    private static boolean later(Object[] a, Object[] b) {
        int byDay = ((LocalDate) a[0]).compareTo((LocalDate) b[0]);
        return byDay != 0 ? byDay > 0 : (Long) a[1] > (Long) b[1];
    }
}
