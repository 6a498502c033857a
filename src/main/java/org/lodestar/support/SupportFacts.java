package org.lodestar.support;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.lodestar.accounts.AccountSet;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Support tickets of many accounts as of a day, read in bulk: the one place scorecards, signal rules,
 * the backtest and the churn model learn what was open and what was raised.
 */
@Repository
public class SupportFacts {

    /** A ticket open at the end of a day. */
    public record OpenTicket(long id, String externalId, String subject, TicketPriority priority, LocalDate openedOn) {

        public boolean urgent() {
            return priority == TicketPriority.URGENT;
        }
    }

    private final JdbcClient jdbc;

    SupportFacts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Tickets open at the end of the day, oldest first: raised by then, and solved after it or not solved
     * (a ticket marked solved or closed without a date counts as solved).
     */
    public Map<Long, List<OpenTicket>> openOn(AccountSet accounts, LocalDate day) {
        OffsetDateTime end = endOf(day);
        Map<Long, List<OpenTicket>> open = new HashMap<>();
        accounts.inParts(part -> jdbc.sql("select id, account_id, external_id, subject, priority, created_at from support_ticket "
                + "where created_at < ? and (solved_at >= ? or solved_at is null and status in ('OPEN', 'PENDING'))"
                + part.where("account_id") + " order by created_at, id").params(part.params(end, end)).query(rs -> {
                    open.computeIfAbsent(rs.getLong(2), a -> new ArrayList<>()).add(new OpenTicket(rs.getLong(1),
                            rs.getString(3), rs.getString(4), TicketPriority.valueOf(rs.getString(5)),
                            LocalDate.ofInstant(rs.getTimestamp(6).toInstant(), ZoneOffset.UTC)));
                }));
        return open;
    }

    /** Tickets raised from the start of {@code from} to the end of {@code to}, per account with any. */
    /** The day the latest ticket of each account was opened, one dated in the future included (a mis-dated import). */
    public Map<Long, LocalDate> latestOpened(AccountSet accounts) {
        Map<Long, LocalDate> latest = new HashMap<>();
        accounts.inParts(part -> jdbc.sql("select account_id, max(created_at) from support_ticket where 1 = 1"
                + part.where("account_id") + " group by account_id").params(part.params()).query(rs -> {
                    latest.put(rs.getLong(1), rs.getObject(2, OffsetDateTime.class).atZoneSameInstant(ZoneOffset.UTC).toLocalDate());
                }));
        return latest;
    }

    public Map<Long, Long> raised(AccountSet accounts, LocalDate from, LocalDate to) {
        Map<Long, Long> raised = new HashMap<>();
        accounts.inParts(part -> jdbc.sql("select account_id, count(*) from support_ticket where created_at >= ? and created_at < ?"
                + part.where("account_id") + " group by account_id")
                .params(part.params(from.atStartOfDay().atOffset(ZoneOffset.UTC), endOf(to))).query(rs -> {
                    raised.put(rs.getLong(1), rs.getLong(2));
                }));
        return raised;
    }

    private static OffsetDateTime endOf(LocalDate day) {
        return day.plusDays(1).atStartOfDay().atOffset(ZoneOffset.UTC);
    }
}
