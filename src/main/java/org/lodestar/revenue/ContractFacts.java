package org.lodestar.revenue;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.lodestar.accounts.AccountSet;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * What many accounts had under contract on a day, read in bulk: seats, modules, the next renewal,
 * whether they had ARR, and what the ledger says happened over a period. The one place scorecards,
 * signal rules, the backtest and the churn model get contract facts from. A line runs on a day
 * from its start up to, not including, its end.
 */
@Repository
public class ContractFacts {

    /** The module of a contract line that names none (null or blank): the product itself. */
    public static final String CORE_MODULE = Subscriptions.DEFAULT_MODULE;

    /** The next renewal after a day: the subscription, its end date, and the ARR of the lines running into it. */
    public record Renewal(String subscription, LocalDate date, BigDecimal arr) {
    }

    /** What the ledger recorded for an account over a period (net per kind: a reversed churn is none). */
    public record Outcome(boolean churned, boolean contracted) {
    }

    private final JdbcClient jdbc;

    ContractFacts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The module a line prices: its name, or {@link #CORE_MODULE} when it names none. */
    public static String moduleOf(String module) {
        return module == null || module.isBlank() ? CORE_MODULE : module.trim();
    }

    /** Seats on the day: per contract the most seats any running line carries, summed over contracts. */
    public Map<Long, Long> seats(AccountSet accounts, LocalDate day) {
        Map<Long, Long> seats = new HashMap<>();
        accounts.inParts(part -> jdbc.sql("select s.account_id, s.id, max(li.seats) from subscription s join line_item li "
                + "on li.subscription_id = s.id where li.start_date <= ? and (li.end_date is null or li.end_date > ?)"
                + part.where("s.account_id") + " group by s.account_id, s.id").params(part.params(day, day)).query(rs -> {
                    seats.merge(rs.getLong(1), rs.getLong(3), Long::sum);
                }));
        return seats;
    }

    /** The modules running lines price on the day. */
    public Map<Long, Set<String>> modules(AccountSet accounts, LocalDate day) {
        Map<Long, Set<String>> modules = new HashMap<>();
        accounts.inParts(part -> jdbc.sql("select distinct s.account_id, li.module from subscription s join line_item li "
                + "on li.subscription_id = s.id where li.start_date <= ? and (li.end_date is null or li.end_date > ?)"
                + part.where("s.account_id")).params(part.params(day, day)).query(rs -> {
                    modules.computeIfAbsent(rs.getLong(1), a -> new HashSet<>()).add(moduleOf(rs.getString(2)));
                }));
        return modules;
    }

    /** A contract's term as recorded, and what its lines running on a day carry: the most seats any of them has, and their ARR. */
    public record Term(String subscription, LocalDate start, LocalDate end, long seats, BigDecimal arr) {
    }

    /** Every contract of the accounts with its term, and what its lines carry on the day (zero when none runs), by start. */
    public Map<Long, List<Term>> terms(AccountSet accounts, LocalDate day) {
        Map<Long, List<Term>> terms = new HashMap<>();
        accounts.inParts(part -> jdbc.sql("select s.account_id, s.external_id, s.start_date, s.end_date, "
                + "(select coalesce(max(li.seats), 0) from line_item li where li.subscription_id = s.id and li.start_date <= ? "
                + "and (li.end_date is null or li.end_date > ?)), (select coalesce(sum(li.arr), 0) from line_item li where "
                + "li.subscription_id = s.id and li.start_date <= ? and (li.end_date is null or li.end_date > ?)) "
                + "from subscription s where 1 = 1" + part.where("s.account_id") + " order by s.start_date, s.id")
                .params(part.params(day, day, day, day)).query(rs -> {
                    terms.computeIfAbsent(rs.getLong(1), a -> new ArrayList<>()).add(new Term(rs.getString(2),
                            rs.getObject(3, LocalDate.class), rs.getObject(4, LocalDate.class), rs.getLong(5), rs.getBigDecimal(6)));
                }));
        return terms;
    }

    /** The first day of each account's first contract. */
    public Map<Long, LocalDate> customerSince(AccountSet accounts) {
        Map<Long, LocalDate> since = new HashMap<>();
        accounts.inParts(part -> jdbc.sql("select account_id, min(start_date) from subscription where 1 = 1"
                + part.where("account_id") + " group by account_id").params(part.params()).query(rs -> {
                    since.put(rs.getLong(1), rs.getObject(2, LocalDate.class));
                }));
        return since;
    }

    /** The first renewal after the day of a contract running on it that carries ARR into its end date. */
    public Map<Long, Renewal> nextRenewal(AccountSet accounts, LocalDate day) {
        Map<Long, Renewal> renewals = new HashMap<>();
        accounts.inParts(part -> jdbc.sql("select s.account_id, s.external_id, s.end_date, (select coalesce(sum(li.arr), 0) "
                + "from line_item li where li.subscription_id = s.id and li.start_date < s.end_date and (li.end_date is null "
                + "or li.end_date >= s.end_date)) from subscription s where s.start_date <= ? and s.end_date > ?"
                + part.where("s.account_id") + " order by s.end_date, s.id").params(part.params(day, day)).query(rs -> {
                    BigDecimal due = rs.getBigDecimal(4);
                    if (due.signum() > 0) {
                        renewals.putIfAbsent(rs.getLong(1), new Renewal(rs.getString(2), rs.getObject(3, LocalDate.class), due));
                    }
                }));
        return renewals;
    }

    /** Accounts with ARR at the end of the day, by the ledger. */
    public Set<Long> withArrOn(LocalDate day) {
        return new HashSet<>(arrOn(day).keySet());
    }

    /** ARR per account at the end of the day, by the ledger (accounts with none are absent). */
    public Map<Long, BigDecimal> arrOn(LocalDate day) {
        Map<Long, BigDecimal> arr = new HashMap<>();
        jdbc.sql("select account_id, sum(amount) from arr_movement where effective_date <= ? group by account_id "
                + "having sum(amount) > 0").param(day).query(rs -> {
                    arr.put(rs.getLong(1), rs.getBigDecimal(2));
                });
        return arr;
    }

    /** Per account that lost ARR in (after, until]: whether it churned and whether it contracted. */
    public Map<Long, Outcome> outcomes(LocalDate after, LocalDate until) {
        Map<Long, boolean[]> flags = new HashMap<>();
        // Net per kind: a churn the ledger later reversed (a renewal entered late) is no churn.
        jdbc.sql("select account_id, kind from arr_movement where effective_date > ? and effective_date <= ? "
                + "and kind in ('churn', 'contraction') group by account_id, kind having sum(amount) < 0").params(after, until)
                .query(rs -> {
                    boolean[] o = flags.computeIfAbsent(rs.getLong(1), a -> new boolean[2]);
                    o["churn".equals(rs.getString(2)) ? 0 : 1] = true;
                });
        Map<Long, Outcome> outcomes = new HashMap<>();
        flags.forEach((account, o) -> outcomes.put(account, new Outcome(o[0], o[1])));
        return outcomes;
    }
}
