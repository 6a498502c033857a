package org.lodestar.revenue;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Date;
import java.time.LocalDate;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import org.lodestar.accounts.CoverageModel;
import org.lodestar.accounts.SegmentBands;
import org.lodestar.errors.InvalidInput;
import org.lodestar.infrastructure.Databases;
import org.lodestar.infrastructure.KeptAnswers;
import org.lodestar.infrastructure.Labels;
import org.lodestar.infrastructure.Paging;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.swagger.v3.oas.annotations.media.Schema;

/** Retention reports, their drill-downs and series, read from the ARR ledger. */
@Service
@Transactional(readOnly = true)
public class RetentionReports {

    static final String UNASSIGNED = "unassigned";
    private static final int MAX_YEARS = 25;

    private final JdbcClient jdbc;
    private final SegmentBands bands;

    private final boolean postgres;
    /**
     * Reports, series and cohort tables already computed, by what was asked, while the ledger and the accounts stay as
     * they were when they were computed ({@link #version}): the revenue page shows closed periods that do not change
     * between views, and is not computed again for each.
     */
    private final KeptAnswers computed = new KeptAnswers(this::version, 64);

    RetentionReports(JdbcClient jdbc, SegmentBands bands, DataSource dataSource) {
        this.jdbc = jdbc;
        this.bands = bands;
        this.postgres = Databases.isPostgres(dataSource);
    }

    /**
     * What the figures are computed from, in one cheap query (three index reads and a count of the users): the ledger only
     * grows (a correction is a new movement), so its highest id changes with it; the accounts' groupings (owner,
     * coverage, segment) change with their {@code updated_at}; an account added without movements is in no figure, and
     * one with movements cannot be deleted; owners change with a user added or removed. Read on every node at every
     * request, so a change made through another node is seen at once.
     */
    private List<Object> version() {
        return KeptAnswers.row(jdbc.sql("""
                select (select max(id) from arr_movement) as ledger, (select max(updated_at) from account) as changed,
                    (select count(*) from app_user) as users""")
                .query().singleRow());
    }

    private <T> T kept(List<Object> question, java.util.function.Supplier<T> compute) {
        return computed.get(question, compute);
    }


    public RetentionReport report(LocalDate from, LocalDate to, RetentionGrouping by) {
        checkPeriod(from, to);
        return kept(Arrays.asList("report", from, to, by),
                () -> RetentionReport.of(from, to, by, accountPeriods(from, to), groupOf(by)));
    }

    /**
     * Every account with ledger movements up to {@code to}, summed in one pass over the ledger: the
     * opening ARR (movements before {@code from}), the period's movements by kind, the closing ARR.
     */
    public List<AccountPeriod> accountPeriods(LocalDate from, LocalDate to) {
        checkPeriod(from, to);
        Date start = Date.valueOf(from);
        if (postgres) {
            // Measured by the retention benchmark: compiling this aggregate costs PostgreSQL more than it saves.
            jdbc.sql("set local jit = off").update();
        }
        return jdbc.sql("""
                select x.*, a.name, a.coverage_model, u.email from (
                    select account_id,
                        sum(amount) filter (where effective_date < ?) as opening,
                        sum(amount) filter (where effective_date >= ? and kind = 'new') as new_arr,
                        sum(amount) filter (where effective_date >= ? and kind = 'expansion') as expansion,
                        sum(amount) filter (where effective_date >= ? and kind = 'contraction') as contraction,
                        sum(amount) filter (where effective_date >= ? and kind = 'churn') as churn,
                        sum(amount) filter (where effective_date >= ? and kind = 'reactivation') as reactivation,
                        sum(amount) as closing,
                        min(effective_date) filter (where kind = 'new' and amount > 0) as first_arr_day
                    from arr_movement where effective_date <= ?
                    group by account_id) x
                left join account a on a.id = x.account_id
                left join app_user u on u.id = a.owner_id
                order by x.account_id""")
                .params(start, start, start, start, start, start, Date.valueOf(to))
                .query((rs, n) -> new AccountPeriod(rs.getLong("account_id"), rs.getString("name"),
                        rs.getString("coverage_model"), rs.getString("email"),
                        rs.getDate("first_arr_day") == null ? null : rs.getDate("first_arr_day").toLocalDate(),
                        money(rs.getBigDecimal("opening")), money(rs.getBigDecimal("new_arr")),
                        money(rs.getBigDecimal("expansion")), money(rs.getBigDecimal("contraction")),
                        money(rs.getBigDecimal("churn")), money(rs.getBigDecimal("reactivation")),
                        money(rs.getBigDecimal("closing"))))
                .list()
                .stream().filter(AccountPeriod::touched)
                .toList();
    }

    /** Which group an account falls in; see {@link RetentionGrouping}. */
    public Function<AccountPeriod, String> groupOf(RetentionGrouping by) {
        if (by == null) {
            return a -> "total";
        }
        return switch (by) {
            case SEGMENT -> a -> bands.bandFor(a.starting() ? a.opening() : a.closing()).name();
            case COVERAGE -> a -> a.coverage() == null ? UNASSIGNED : CoverageModel.valueOf(a.coverage()).label();
            case OWNER -> a -> a.owner() == null ? UNASSIGNED : a.owner();
            case COHORT -> a -> cohortOf(a.firstArrDay());
        };
    }

    static String cohortOf(LocalDate firstArrDay) {
        return firstArrDay == null ? "unknown" : quarterOf(firstArrDay);
    }

    static String quarterOf(LocalDate day) {
        return day.getYear() + "-Q" + day.get(IsoFields.QUARTER_OF_YEAR);
    }

    /** The accounts and movements behind one figure of {@link #report}, for one group or the whole book. */
    public DrillDown drill(LocalDate from, LocalDate to, RetentionFigure figure, RetentionGrouping by, String group,
            int limit) {
        if (figure == null) {
            throw new InvalidInput("figure", "required: one of " + Labels.choices(RetentionFigure.class));
        }
        if ((by == null) != (group == null || group.isBlank())) {
            throw new InvalidInput(by == null ? "by" : "group", "by and group go together: name the grouping and one of its groups");
        }
        Paging.limit(limit, 10_000);
        Function<AccountPeriod, String> groupOf = groupOf(by);
        List<AccountPeriod> members = accountPeriods(from, to).stream()
                .filter(a -> by == null || groupOf.apply(a).equals(group)).toList();
        Function<AccountPeriod, BigDecimal> amount = amountOf(figure);
        Predicate<AccountPeriod> counts = switch (figure) {
            case STARTING_ARR, ENDING_ARR -> AccountPeriod::starting;
            case EXPANSION -> a -> a.starting() && a.outcome() == AccountPeriod.Outcome.EXPANDED;
            case CONTRACTION -> a -> a.starting() && a.outcome() == AccountPeriod.Outcome.CONTRACTED;
            case CHURN, LOGOS_LOST -> AccountPeriod::lostLogo;
            case NEW_ARR -> a -> !a.starting();
            case CLOSING_ARR -> a -> true;
        };
        List<DrillDown.AccountAmount> accounts = members.stream().filter(counts)
                .map(a -> new DrillDown.AccountAmount(a.accountId(), a.accountName(), amount.apply(a)))
                .filter(a -> a.amount().signum() != 0 || figure == RetentionFigure.LOGOS_LOST)
                .sorted(Comparator.comparing((DrillDown.AccountAmount a) -> a.amount().abs()).reversed()
                        .thenComparing(DrillDown.AccountAmount::accountId))
                .toList();
        BigDecimal total = accounts.stream().map(DrillDown.AccountAmount::amount)
                .reduce(BigDecimal.ZERO.setScale(2), BigDecimal::add);
        Set<Long> ids = accounts.stream().map(DrillDown.AccountAmount::accountId).collect(Collectors.toSet());
        List<ArrMovement> movements = new ArrayList<>();
        int[] count = {0};
        if (listsMovements(figure)) {
            jdbc.sql("select * from arr_movement where effective_date >= ? and effective_date <= ? order by effective_date, id")
                    .params(Date.valueOf(from), Date.valueOf(to))
                    .query(rs -> {
                        if (ids.contains(rs.getLong("account_id"))) {
                            count[0]++;
                            if (movements.size() < limit) {
                                movements.add(Movements.read(rs));
                            }
                        }
                    });
        }
        return new DrillDown(from, to, figure, by, by == null ? null : group, total, accounts, count[0], movements,
                count[0] > movements.size());
    }

    /** As the report shows it: contraction and churn as positive amounts taken away. */
    private static Function<AccountPeriod, BigDecimal> amountOf(RetentionFigure figure) {
        return switch (figure) {
            case STARTING_ARR, CHURN, LOGOS_LOST -> AccountPeriod::opening;
            case EXPANSION -> a -> a.closing().subtract(a.opening());
            case CONTRACTION -> a -> a.opening().subtract(a.closing());
            case ENDING_ARR, NEW_ARR, CLOSING_ARR -> AccountPeriod::closing;
        };
    }

    /** Movements behind the figures made of change over the period: all of the accounts' movements in it. */
    private static boolean listsMovements(RetentionFigure figure) {
        return switch (figure) {
            case EXPANSION, CONTRACTION, CHURN, NEW_ARR, LOGOS_LOST -> true;
            case STARTING_ARR, ENDING_ARR, CLOSING_ARR -> false;
        };
    }

    /** Retention of each quarter or month that overlaps {@code [from, to]}, for trend charts: one pass over the ledger. */
    public List<SeriesPoint> series(LocalDate from, LocalDate to, Interval interval, RetentionGrouping by) {
        checkPeriod(from, to);
        return kept(Arrays.asList("series", from, to, interval, by), () -> List.copyOf(computeSeries(from, to,
                interval, by)));
    }

    private List<SeriesPoint> computeSeries(LocalDate from, LocalDate to, Interval interval, RetentionGrouping by) {
        int first = interval.indexOf(from);
        int last = interval.indexOf(to);
        if (last - first >= 120) {
            throw new InvalidInput("to", "at most 120 " + interval.label() + "s in one series");
        }
        Map<Long, PeriodBuckets> ledger = buckets(interval.endOf(last), interval);
        Map<Long, PeriodBuckets.AccountAttributes> accounts = accountAttributes();
        Function<AccountPeriod, String> groupOf = groupOf(by);
        List<SeriesPoint> points = new ArrayList<>();
        for (int period = first; period <= last; period++) {
            int index = period;
            List<AccountPeriod> periods = ledger.entrySet().stream()
                    .map(e -> e.getValue().period(e.getKey(), PeriodBuckets.AccountAttributes.of(accounts, e.getKey()), index))
                    .filter(AccountPeriod::touched).sorted(Comparator.comparing(AccountPeriod::accountId)).toList();
            LocalDate start = interval.startOf(period);
            RetentionReport report = RetentionReport.of(start, interval.endOf(period), by, periods, groupOf);
            points.add(new SeriesPoint(interval.labelOf(start), start, report.to(), report.total(), report.groups()));
        }
        return points;
    }

    /** Every account's ledger through {@code through}, summed per period of the interval and per kind. */
    private Map<Long, PeriodBuckets> buckets(LocalDate through, Interval interval) {
        Map<Long, PeriodBuckets> ledger = new HashMap<>();
        jdbc.sql("""
                select account_id, period, kind, sum(amount) as amount,
                    min(effective_date) filter (where kind = 'new' and amount > 0) as first_new
                from (select account_id, kind, amount, effective_date, %s as period
                      from arr_movement where effective_date <= ?) m
                group by account_id, period, kind""".formatted(interval.periodSql))
                .param(Date.valueOf(through))
                .query(rs -> {
                    PeriodBuckets account = ledger.computeIfAbsent(rs.getLong("account_id"), id -> new PeriodBuckets());
                    account.add(rs.getInt("period"), MovementKind.of(rs.getString("kind")), rs.getBigDecimal("amount"));
                    Date first = rs.getDate("first_new");
                    if (first != null) {
                        account.firstArrOn(first.toLocalDate());
                    }
                });
        return ledger;
    }

    private Map<Long, PeriodBuckets.AccountAttributes> accountAttributes() {
        Map<Long, PeriodBuckets.AccountAttributes> accounts = new HashMap<>();
        jdbc.sql("select a.id, a.name, a.coverage_model, u.email from account a left join app_user u on u.id = a.owner_id")
                .query(rs -> {
                    accounts.put(rs.getLong("id"), new PeriodBuckets.AccountAttributes(rs.getString("name"),
                            rs.getString("coverage_model"), rs.getString("email")));
                });
        return accounts;
    }

    public record SeriesPoint(String period, LocalDate from, LocalDate to, RetentionFigures total,
            List<RetentionFigures> groups) {
    }

    public enum Interval {
        QUARTER(3, "extract(year from effective_date) * 4 + extract(quarter from effective_date) - 1"),
        MONTH(1, "extract(year from effective_date) * 12 + extract(month from effective_date) - 1");

        private final int months;
        /** The period index of a movement, in SQL; {@link #indexOf} in Java. */
        private final String periodSql;

        Interval(int months, String periodSql) {
            this.months = months;
            this.periodSql = periodSql;
        }

        /** Periods numbered from year 0: the first quarter of 2025 is 2025 × 4. */
        int indexOf(LocalDate day) {
            return (day.getYear() * 12 + day.getMonthValue() - 1) / months;
        }

        LocalDate startOf(int index) {
            int month = index * months;
            return LocalDate.of(month / 12, month % 12 + 1, 1);
        }

        public LocalDate startOf(LocalDate day) {
            return startOf(indexOf(day));
        }

        LocalDate endOf(int index) {
            return startOf(index + 1).minusDays(1);
        }

        String labelOf(LocalDate start) {
            return this == MONTH ? start.toString().substring(0, 7) : quarterOf(start);
        }

        public String label() {
            return Labels.of(this);
        }

        public static Interval of(String text) {
            return Labels.parse(Interval.class, text);
        }
    }

    /**
     * ARR of each cohort (accounts by the quarter their first contract began) at the end of each
     * quarter in {@code [from, to]}, and as a share of what the cohort had at the end of its first
     * quarter.
     */
    public CohortTable cohorts(LocalDate from, LocalDate to) {
        checkPeriod(from, to);
        return kept(List.of("cohorts", from, to), () -> computeCohorts(from, to));
    }

    private CohortTable computeCohorts(LocalDate from, LocalDate to) {
        int first = Interval.QUARTER.indexOf(from);
        int last = Interval.QUARTER.indexOf(to);
        if (last - first >= 40) {
            throw new InvalidInput("to", "a cohort table covers at most 40 quarters");
        }
        Map<String, BigDecimal[]> arr = new TreeMap<>();
        Map<String, BigDecimal> initial = new HashMap<>();
        for (PeriodBuckets account : buckets(Interval.QUARTER.endOf(last), Interval.QUARTER).values()) {
            if (account.firstArrDay() == null) {
                continue;
            }
            int joined = Interval.QUARTER.indexOf(account.firstArrDay());
            String cohort = quarterOf(account.firstArrDay());
            initial.merge(cohort, account.arrAtEndOf(joined), BigDecimal::add);
            BigDecimal[] amounts = arr.computeIfAbsent(cohort, c -> new BigDecimal[last - first + 1]);
            for (int quarter = Math.max(first, joined); quarter <= last; quarter++) {
                BigDecimal kept = account.arrAtEndOf(quarter);
                amounts[quarter - first] = amounts[quarter - first] == null ? kept : amounts[quarter - first].add(kept);
            }
        }
        List<CohortTable.Row> rows = new ArrayList<>();
        arr.forEach((cohort, amounts) -> {
            BigDecimal base = initial.get(cohort);
            List<BigDecimal> row = Arrays.asList(amounts);
            if (row.stream().anyMatch(a -> a != null)) {
                rows.add(new CohortTable.Row(cohort, base, row, row.stream().map(a -> a == null || base.signum() == 0 ? null
                        : a.divide(base, 4, RoundingMode.HALF_EVEN)).toList()));
            }
        });
        List<String> quarters = new ArrayList<>();
        for (int quarter = first; quarter <= last; quarter++) {
            quarters.add(quarterOf(Interval.QUARTER.startOf(quarter)));
        }
        return new CohortTable(quarters, rows);
    }

    public record CohortTable(List<String> quarters, List<Row> rows) {
        // Named apart from the other Row types: springdoc names a schema by the simple name.
        /** {@code initialArr} is the cohort's ARR at the end of its first quarter; {@code retained} is each amount as a share of it. */
        @Schema(name = "CohortRow")
        public record Row(String cohort, BigDecimal initialArr, List<BigDecimal> arr, List<BigDecimal> retained) {
        }
    }

    static void checkPeriod(LocalDate from, LocalDate to) {
        if (from == null) {
            throw new InvalidInput("from", "required, as YYYY-MM-DD");
        }
        if (to == null) {
            throw new InvalidInput("to", "required, as YYYY-MM-DD");
        }
        if (to.isBefore(from)) {
            throw new InvalidInput("to", "must be on or after from " + from + ", got " + to);
        }
        if (from.plusYears(MAX_YEARS).isBefore(to)) {
            throw new InvalidInput("to", "a period covers at most " + MAX_YEARS + " years");
        }
    }

    private static BigDecimal money(BigDecimal amount) {
        return amount == null ? BigDecimal.ZERO.setScale(2) : amount.setScale(2);
    }
}
