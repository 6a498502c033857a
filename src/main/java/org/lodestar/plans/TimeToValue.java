package org.lodestar.plans;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * Time-to-value: days from kickoff to the customer's first value. Pure: no Spring, no SQL, no clock.
 *
 * <p>An account's kickoff is the start day of its earliest plan with a milestone marked as value; it reached value on
 * the day (UTC) the first of its value milestones was done, and its time-to-value is the days between (0 when done on
 * the kickoff day or before). Until then it is still open, aged by the days from kickoff to today.
 *
 * <p>A group's median and p75 are over the accounts that reached value, by nearest rank: the value at position
 * ⌈p/100 × n⌉ of the n days sorted ascending (the median of 10, 20, 30, 40 is 20, of 10, 20, 30 is 20; the p75 of
 * 10, 20, 30, 40 is 30), so each is a time an account actually took, in whole days. Still-open accounts are not in
 * them (their time is not known yet): they are counted apart, with the oldest one's age, and those open longer than the
 * median are the ones to chase.
 */
public final class TimeToValue {

    private TimeToValue() {
    }

    /** What the plans say about one account: its kickoff and the day its first value milestone was done (null: not yet). */
    public record Account(long accountId, String name, String segment, String owner, String ownerName, LocalDate kickoff,
            LocalDate reachedOn) {

        public boolean reached() {
            return reachedOn != null;
        }

        /** Days to value when reached, else days open so far (0 at the earliest). */
        public int days(LocalDate today) {
            return (int) Math.max(0, ChronoUnit.DAYS.between(kickoff, reached() ? reachedOn : today));
        }

        /** The month of the kickoff, e.g. 2026-10. */
        public String cohort() {
            return YearMonth.from(kickoff).toString();
        }
    }

    // Named apart from the other Row types: springdoc names a schema by the simple name.
    /** One account's time-to-value on a day: days to value, or days open so far. */
    @Schema(name = "TimeToValueRow")
    public record Row(long accountId, String name, String segment, String owner, String ownerName, LocalDate kickoff,
            String cohort, LocalDate reachedOn, boolean reached, int days) {

        static Row of(Account a, LocalDate today) {
            return new Row(a.accountId(), a.name(), a.segment(), a.owner(), a.ownerName(), a.kickoff(), a.cohort(),
                    a.reachedOn(), a.reached(), a.days(today));
        }
    }

    /**
     * A group's figures: accounts with a value milestone, how many reached value and how many are still open, the median
     * and p75 days to value (null when none reached it), the oldest open account's age (null when none is open), and how
     * many open accounts have been open longer than the median.
     */
    public record Group(String key, int accounts, int reached, int open, Integer medianDays, Integer p75Days,
            Integer oldestOpenDays, int openPastMedian) {
    }

    /** The figures of the accounts of one group, as of today. */
    public static Group group(String key, List<Account> accounts, LocalDate today) {
        List<Integer> reached = accounts.stream().filter(Account::reached).map(a -> a.days(today)).sorted().toList();
        List<Integer> open = accounts.stream().filter(a -> !a.reached()).map(a -> a.days(today)).toList();
        Integer median = percentile(reached, 50);
        return new Group(key, accounts.size(), reached.size(), open.size(), median, percentile(reached, 75),
                open.stream().max(Integer::compare).orElse(null),
                median == null ? 0 : (int) open.stream().filter(d -> d > median).count());
    }

    /** Groups by a key (segment, cohort, owner), in the key's natural order. */
    public static List<Group> groupBy(List<Account> accounts, Function<Account, String> key, LocalDate today) {
        Map<String, List<Account>> groups = new TreeMap<>();
        accounts.forEach(a -> groups.computeIfAbsent(key.apply(a), k -> new ArrayList<>()).add(a));
        List<Group> result = new ArrayList<>();
        groups.forEach((k, members) -> result.add(group(k, members, today)));
        return result;
    }

    /** The accounts still open, longest open first (then by name), at most {@code limit}. */
    public static List<Row> longestOpen(List<Account> accounts, LocalDate today, int limit) {
        return accounts.stream().filter(a -> !a.reached()).map(a -> Row.of(a, today))
                .sorted(Comparator.comparingInt(Row::days).reversed().thenComparing(Row::name)).limit(limit).toList();
    }

    /** Every account's row, by kickoff then name. */
    public static List<Row> rows(List<Account> accounts, LocalDate today) {
        return accounts.stream().map(a -> Row.of(a, today))
                .sorted(Comparator.comparing(Row::kickoff).thenComparing(Row::name)).toList();
    }

    /**
     * The nearest-rank percentile of values sorted ascending: the value at position ⌈p/100 × n⌉ (1-based); null for no
     * values.
     */
    public static Integer percentile(List<Integer> sorted, int p) {
        if (sorted.isEmpty()) {
            return null;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.max(1, rank) - 1);
    }

    /** A milestone marked as value: the start day of its plan, its status and when it was done. */
    public record ValueMilestone(LocalDate planStartsOn, MilestoneStatus status, Instant completedAt) {
    }

    /**
     * An account's kickoff (the earliest start of a plan with a value milestone) and first value (the earliest day, UTC,
     * a value milestone was done); null when it has no value milestone.
     */
    public static Account of(long accountId, String name, String segment, String owner, String ownerName,
            List<ValueMilestone> milestones) {
        LocalDate kickoff = null;
        LocalDate reached = null;
        for (ValueMilestone m : milestones) {
            if (kickoff == null || m.planStartsOn().isBefore(kickoff)) {
                kickoff = m.planStartsOn();
            }
            if (m.status() == MilestoneStatus.DONE && m.completedAt() != null) {
                LocalDate done = LocalDate.ofInstant(m.completedAt(), ZoneOffset.UTC);
                if (reached == null || done.isBefore(reached)) {
                    reached = done;
                }
            }
        }
        return kickoff == null ? null : new Account(accountId, name, segment, owner, ownerName, kickoff, reached);
    }
}
