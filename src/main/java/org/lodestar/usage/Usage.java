package org.lodestar.usage;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.lodestar.accounts.Accounts;
import org.lodestar.errors.InvalidInput;
import org.lodestar.revenue.ContractFacts;
import org.lodestar.revenue.LineItem;
import org.lodestar.revenue.Subscription;
import org.lodestar.revenue.Subscriptions;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reads usage metrics off the rollups. Contracted seats are counted per subscription as the most seats
 * any of its lines carries on the day (each line prices one module for the subscription's seats);
 * contracted modules are the active lines' modules ("core" when a line names none). A feature
 * belongs to a module when its track calls carry {@code properties.module}.
 */
@Service
public class Usage {

    /** The longest range one report covers. */
    static final int MAX_DAYS = 731;

    private final JdbcClient jdbc;
    private final Accounts accounts;
    private final Subscriptions subscriptions;
    private final Clock clock;
    private final List<Integer> trendWindows;
    private final int utilisationDays;

    Usage(JdbcClient jdbc, Accounts accounts, Subscriptions subscriptions, Clock clock,
            @Value("${lodestar.usage.trend-windows:30,60}") List<Integer> trendWindows,
            @Value("${lodestar.usage.utilisation-days:30}") int utilisationDays) {
        this.jdbc = jdbc;
        this.accounts = accounts;
        this.subscriptions = subscriptions;
        this.clock = clock;
        this.trendWindows = List.copyOf(trendWindows);
        this.utilisationDays = utilisationDays;
        if (trendWindows.isEmpty() || trendWindows.stream().anyMatch(w -> w < 1 || w > 365) || utilisationDays < 1
                || utilisationDays > 365) {
            throw new IllegalStateException("lodestar.usage.trend-windows and lodestar.usage.utilisation-days must be "
                    + "whole numbers of days from 1 to 365; got " + trendWindows + " and " + utilisationDays);
        }
    }

    public LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    }

    /** The report for an account; {@code from} defaults to 89 days before {@code to}, which defaults to today. */
    @Transactional(readOnly = true)
    public UsageReport report(long accountId, LocalDate from, LocalDate to) {
        accounts.get(accountId);
        LocalDate last = to == null ? today() : to;
        LocalDate first = from == null ? last.minusDays(89) : from;
        if (first.isAfter(last)) {
            throw new InvalidInput("from", "must be on or before to (" + last + ")");
        }
        if (ChronoUnit.DAYS.between(first, last) >= MAX_DAYS) {
            throw new InvalidInput("from", "a report covers at most " + MAX_DAYS + " days");
        }
        // Every figure below reads the days from the earliest any of them needs, fetched once.
        int longestWindow = trendWindows.stream().mapToInt(Integer::intValue).max().orElse(0);
        LocalDate earliest = Collections.min(List.of(first, last.minusDays(2L * longestWindow - 1),
                last.minusDays(utilisationDays - 1L)));
        List<UsageReport.Day> allDays = jdbc.sql("select on_date, events, active_users from usage_day "
                + "where account_id = ? and on_date between ? and ? order by on_date").params(accountId, earliest, last)
                .query((rs, n) -> new UsageReport.Day(rs.getObject("on_date", LocalDate.class), rs.getLong("events"),
                        rs.getInt("active_users"))).list();
        Map<LocalDate, List<String>> usersByDay = new HashMap<>();
        jdbc.sql("select on_date, user_key from usage_user_day where account_id = ? and on_date between ? and ?")
                .params(accountId, earliest, last).query(rs -> {
                    usersByDay.computeIfAbsent(rs.getObject("on_date", LocalDate.class), d -> new ArrayList<>())
                            .add(rs.getString("user_key"));
                });
        List<UsageReport.Day> days = allDays.stream().filter(d -> !d.day().isBefore(first)).toList();
        List<UsageReport.Feature> features = jdbc.sql("""
                select feature, max(module) as module, sum(events) as events, count(*) as days_used
                from usage_feature_day where account_id = ? and on_date between ? and ?
                group by feature order by sum(events) desc, feature""").params(accountId, first, last)
                .query((rs, n) -> new UsageReport.Feature(rs.getString("feature"), rs.getString("module"),
                        rs.getLong("events"), rs.getInt("days_used"))).list();
        long events = days.stream().mapToLong(UsageReport.Day::events).sum();
        long activeUsers = distinctUsers(usersByDay, first, last);
        long recentUsers = distinctUsers(usersByDay, last.minusDays(utilisationDays - 1L), last);
        int seats = 0;
        Set<String> contracted = new HashSet<>();
        for (Subscription subscription : subscriptions.listForAccount(accountId)) {
            int most = 0;
            for (LineItem line : subscription.lineItems()) {
                if (line.activeOn(last)) {
                    most = Math.max(most, line.seats());
                    contracted.add(ContractFacts.moduleOf(line.module()));
                }
            }
            seats += most;
        }
        Set<String> used = new HashSet<>(jdbc.sql("select distinct module from usage_feature_day where account_id = ? "
                + "and on_date between ? and ? and module is not null")
                .params(accountId, last.minusDays(utilisationDays - 1L), last).query(String.class).list());
        List<UsageFigures.Trend> trends = new ArrayList<>();
        for (int window : trendWindows) {
            LocalDate currentStart = last.minusDays(window - 1L);
            LocalDate previousStart = currentStart.minusDays(window);
            trends.add(UsageFigures.Trend.of("events", window, eventsBetween(allDays, currentStart, last),
                    eventsBetween(allDays, previousStart, currentStart.minusDays(1))));
            trends.add(UsageFigures.Trend.of("active users", window, distinctUsers(usersByDay, currentStart, last),
                    distinctUsers(usersByDay, previousStart, currentStart.minusDays(1))));
        }
        return new UsageReport(accountId, first, last, days, features, events, activeUsers, utilisationDays,
                recentUsers, seats, UsageFigures.utilisation(recentUsers, seats), UsageFigures.depth(contracted, used),
                trends);
    }

    private static long distinctUsers(Map<LocalDate, List<String>> usersByDay, LocalDate from, LocalDate to) {
        Set<String> users = new HashSet<>();
        usersByDay.forEach((day, keys) -> {
            if (!day.isBefore(from) && !day.isAfter(to)) {
                users.addAll(keys);
            }
        });
        return users.size();
    }

    private static long eventsBetween(List<UsageReport.Day> days, LocalDate from, LocalDate to) {
        return days.stream().filter(d -> !d.day().isBefore(from) && !d.day().isAfter(to))
                .mapToLong(UsageReport.Day::events).sum();
    }
}
