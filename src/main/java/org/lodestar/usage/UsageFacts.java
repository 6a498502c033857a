package org.lodestar.usage;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.lodestar.accounts.AccountSet;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Product usage of many accounts as of a day, read in bulk from the daily rollups: the one place
 * scorecards, signal rules, the backtest and the churn model get usage from. Days are UTC and both
 * ends of a range are included. An account missing from a result sent no usage in that range.
 */
@Repository
public class UsageFacts {

    /** A range of days, both ends included. */
    public record Days(LocalDate from, LocalDate to) {

        /** The {@code days} days ending on {@code last}: a 30-day window as of the 30th starts on the 1st. */
        public static Days ending(LocalDate last, int days) {
            return new Days(last.minusDays(days - 1L), last);
        }

        /** The same number of days just before these. */
        public Days before() {
            long length = java.time.temporal.ChronoUnit.DAYS.between(from, to) + 1;
            return new Days(from.minusDays(length), from.minusDays(1));
        }
    }

    /** Events and days with any event in a range. */
    public record Totals(long events, long activeDays) {
    }

    /** Whether an account had sent any usage by the day, and its last day with events (null: none). */
    public record Activity(boolean tracked, LocalDate lastActive) {
    }

    private final JdbcClient jdbc;

    UsageFacts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Per account, the totals of each range in the order given: one pass over the rollup, each distinct range summed
     * once however often it is asked for (a 30-day active-days window and a 30-day trend share theirs).
     */
    public Map<Long, List<Totals>> totals(AccountSet accounts, List<Days> ranges) {
        Map<Long, List<Totals>> totals = new HashMap<>();
        if (ranges.isEmpty()) {
            return totals;
        }
        List<Days> distinct = ranges.stream().distinct().toList();
        StringBuilder columns = new StringBuilder("account_id");
        List<Object> params = new ArrayList<>();
        LocalDate first = distinct.get(0).from();
        LocalDate last = distinct.get(0).to();
        for (Days range : distinct) {
            columns.append(", sum(case when on_date >= ? and on_date <= ? then events else 0 end)")
                    .append(", count(case when on_date >= ? and on_date <= ? and events > 0 then 1 end)");
            params.addAll(List.of(range.from(), range.to(), range.from(), range.to()));
            first = range.from().isBefore(first) ? range.from() : first;
            last = range.to().isAfter(last) ? range.to() : last;
        }
        params.add(first);
        params.add(last);
        int[] column = ranges.stream().mapToInt(distinct::indexOf).toArray();
        accounts.inParts(part -> jdbc.sql("select " + columns + " from usage_day where on_date >= ? and on_date <= ?"
                + part.where("account_id") + " group by account_id").params(part.params(params.toArray())).query(rs -> {
                    Totals[] each = new Totals[distinct.size()];
                    for (int i = 0; i < each.length; i++) {
                        each[i] = new Totals(rs.getLong(2 + 2 * i), rs.getLong(3 + 2 * i));
                    }
                    List<Totals> row = new ArrayList<>(ranges.size());
                    for (int c : column) {
                        row.add(each[c]);
                    }
                    totals.put(rs.getLong(1), row);
                }));
        return totals;
    }

    /** Distinct people active in the range, per account with any. */
    public Map<Long, Long> activeUsers(AccountSet accounts, Days range) {
        return distinctPerAccount(accounts, range, "user_key", "usage_user_day");
    }

    /** Distinct features used in the range, per account with any. */
    public Map<Long, Long> featuresUsed(AccountSet accounts, Days range) {
        return distinctPerAccount(accounts, range, "feature", "usage_feature_day");
    }

    private Map<Long, Long> distinctPerAccount(AccountSet accounts, Days range, String column, String rollup) {
        Map<Long, Long> counts = new HashMap<>();
        accounts.inParts(part -> jdbc.sql("select account_id, count(distinct " + column + ") from " + rollup
                + " where on_date >= ? and on_date <= ?" + part.where("account_id") + " group by account_id")
                .params(part.params(range.from(), range.to())).query(rs -> {
                    counts.put(rs.getLong(1), rs.getLong(2));
                }));
        return counts;
    }

    /** The modules (of features whose calls name one) used in the range, per account with any. */
    public Map<Long, Set<String>> modulesUsed(AccountSet accounts, Days range) {
        Map<Long, Set<String>> modules = new HashMap<>();
        accounts.inParts(part -> jdbc.sql("select distinct account_id, module from usage_feature_day where on_date >= ? "
                + "and on_date <= ? and module is not null" + part.where("account_id"))
                .params(part.params(range.from(), range.to())).query(rs -> {
                    modules.computeIfAbsent(rs.getLong(1), a -> new HashSet<>()).add(rs.getString(2));
                }));
        return modules;
    }

    /** Of these accounts, those that had sent any usage by the end of the day. */
    public Set<Long> trackedBy(AccountSet accounts, LocalDate day) {
        Set<Long> tracked = new HashSet<>();
        accounts.inParts(part -> jdbc.sql("select distinct account_id from usage_day where on_date <= ?" + part.where("account_id"))
                .params(part.params(day)).query(Long.class).list().forEach(tracked::add));
        return tracked;
    }

    /** Per account that had sent usage by the day: its last day with events. */
    public Map<Long, Activity> activity(AccountSet accounts, LocalDate day) {
        Map<Long, Activity> activity = new HashMap<>();
        accounts.inParts(part -> jdbc.sql("select account_id, max(case when events > 0 then on_date end) from usage_day "
                + "where on_date <= ?" + part.where("account_id") + " group by account_id").params(part.params(day)).query(rs -> {
                    activity.put(rs.getLong(1), new Activity(true, rs.getObject(2, LocalDate.class)));
                }));
        return activity;
    }

    /** Per account, the last day in the range each of these features was used (features never used are absent). */
    public Map<Long, Map<String, LocalDate>> featuresLastUsed(AccountSet accounts, Days range, Set<String> features) {
        if (features.isEmpty()) {
            return new HashMap<>();
        }
        return lastDays(accounts, range, "feature", "usage_feature_day", " and feature in ("
                + String.join(", ", Collections.nCopies(features.size(), "?")) + ")", features.toArray());
    }

    /** Per account active in the range, each person active in it and the last day they were. */
    public Map<Long, Map<String, LocalDate>> usersLastActive(AccountSet accounts, Days range) {
        return lastDays(accounts, range, "user_key", "usage_user_day", "");
    }

    /** Per account with feature calls in the range, each feature used and the last day it was. */
    public Map<Long, Map<String, LocalDate>> featuresLastUsed(AccountSet accounts, Days range) {
        return lastDays(accounts, range, "feature", "usage_feature_day", "");
    }

    /** Per account using modules in the range, each module used (by features whose calls name one) and its last day. */
    public Map<Long, Map<String, LocalDate>> modulesLastUsed(AccountSet accounts, Days range) {
        return lastDays(accounts, range, "module", "usage_feature_day", " and module is not null");
    }

    /** Per account, each value of {@code column} in the range (meeting {@code condition}) and its last day, in name order. */
    private Map<Long, Map<String, LocalDate>> lastDays(AccountSet accounts, Days range, String column, String rollup,
            String condition, Object... conditionParams) {
        Map<Long, Map<String, LocalDate>> last = new HashMap<>();
        if (range.from().isAfter(range.to())) {
            return last;
        }
        boolean oneDay = range.from().equals(range.to());
        List<Object> params = new ArrayList<>(oneDay ? List.of(range.from()) : List.of(range.from(), range.to()));
        params.addAll(List.of(conditionParams));
        // One day's rows need no grouping: a name seen twice that day (a module of two features) is kept once below.
        String sql = oneDay ? "select account_id, " + column + ", on_date from " + rollup + " where on_date = ?" + condition
                : "select account_id, " + column + ", max(on_date) from " + rollup + " where on_date >= ? and on_date <= ?"
                        + condition;
        accounts.inParts(part -> jdbc.sql(sql + part.where("account_id") + (oneDay ? "" : " group by account_id, " + column))
                .params(part.params(params.toArray())).query(rs -> {
                    last.computeIfAbsent(rs.getLong(1), a -> new TreeMap<>()).put(rs.getString(2),
                            rs.getObject(3, LocalDate.class));
                }));
        return last;
    }
}
