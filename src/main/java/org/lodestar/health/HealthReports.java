package org.lodestar.health;

import org.lodestar.health.internal.HealthStore;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.lodestar.accounts.Accounts;
import org.lodestar.errors.InvalidInput;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Reads scores for people: an account's explanation, what moved it, its history, and the book by segment and band. */
@Service
@Transactional(readOnly = true)
public class HealthReports {

    private final HealthStore store;
    private final HealthConfiguration configuration;
    private final Accounts accounts;
    private final JdbcClient jdbc;
    private final int trendDays;

    HealthReports(HealthStore store, HealthConfiguration configuration, Accounts accounts, JdbcClient jdbc,
            @Value("${lodestar.health.trend-days:30}") int trendDays) {
        this.store = store;
        this.configuration = configuration;
        this.accounts = accounts;
        this.jdbc = jdbc;
        if (trendDays < 1 || trendDays > 365) {
            throw new IllegalStateException("lodestar.health.trend-days must be 1 to 365 days, got " + trendDays);
        }
        this.trendDays = trendDays;
    }

    public int trendDays() {
        return trendDays;
    }

    /** The account's current score explained; empty when it has not been scored (e.g. churned). */
    public Optional<HealthExplanation> explain(long accountId) {
        accounts.get(accountId);
        return store.current(accountId).map(stored -> {
            HealthScore score = stored.decode(configuration::byName);
            LocalDate compared = stored.asOf().minusDays(trendDays);
            HealthExplanation.Trend trend = store.snapshotOn(accountId, compared)
                    .map(then -> new HealthExplanation.Trend(trendDays, then.asOf(), then.score(), then.band(),
                            then.score() == null || score.score() == null ? null : score.score().subtract(then.score())))
                    .orElse(new HealthExplanation.Trend(trendDays, null, null, null, null));
            return new HealthExplanation(accountId, score.score(), score.band(), score.scorecard(), score.version(),
                    score.asOf(), stored.takenAt(), trend, groups(score.measures()), score.measures(),
                    HealthScoring.unscoredNote(score, minimumData(score.scorecard())));
        });
    }

    /** The minimum share of data of the scorecard that scored an account, as configured now (0 once it is gone). */
    private BigDecimal minimumData(String scorecard) {
        ScorecardDefinition card = configuration.byName(scorecard);
        return card == null ? BigDecimal.ZERO : card.minimumData();
    }

    static List<HealthExplanation.GroupContribution> groups(List<MeasureResult> measures) {
        Map<MeasureGroup, BigDecimal[]> sums = new EnumMap<>(MeasureGroup.class);
        for (MeasureResult m : measures) {
            if (m.contribution() != null) {
                BigDecimal[] sum = sums.computeIfAbsent(m.group(), g -> new BigDecimal[] { BigDecimal.ZERO, BigDecimal.ZERO });
                sum[0] = sum[0].add(m.share() == null ? BigDecimal.ZERO : m.share());
                sum[1] = sum[1].add(m.contribution());
            }
        }
        List<HealthExplanation.GroupContribution> groups = new ArrayList<>();
        sums.forEach((group, sum) -> groups.add(new HealthExplanation.GroupContribution(group, sum[0], sum[1])));
        return groups;
    }

    /** What moved the score between two dates (each: the last snapshot on or before it). */
    public HealthDiff diff(long accountId, LocalDate from, LocalDate to) {
        accounts.get(accountId);
        if (from == null || to == null) {
            throw new InvalidInput(from == null ? "from" : "to", "expected a date (YYYY-MM-DD)");
        }
        if (to.isBefore(from)) {
            throw new InvalidInput("to", "must be on or after from (" + from + ")");
        }
        HealthStore.Stored before = store.snapshotOn(accountId, from)
                .orElseThrow(() -> new InvalidInput("from", "the account has no score on or before " + from));
        HealthStore.Stored after = store.snapshotOn(accountId, to).orElseThrow();
        HealthScore a = before.decode(configuration::byName);
        HealthScore b = after.decode(configuration::byName);
        boolean scorecardChanged = !a.scorecard().equals(b.scorecard()) || !a.version().equals(b.version());
        Map<String, MeasureResult[]> byKey = new LinkedHashMap<>();
        a.measures().forEach(m -> byKey.computeIfAbsent(m.key(), k -> new MeasureResult[2])[0] = m);
        b.measures().forEach(m -> byKey.computeIfAbsent(m.key(), k -> new MeasureResult[2])[1] = m);
        List<HealthDiff.MeasureChange> changes = new ArrayList<>();
        byKey.forEach((key, pair) -> {
            MeasureResult was = pair[0];
            MeasureResult is = pair[1];
            BigDecimal cBefore = was == null || was.contribution() == null ? BigDecimal.ZERO : was.contribution();
            BigDecimal cAfter = is == null || is.contribution() == null ? BigDecimal.ZERO : is.contribution();
            String note = was == null ? "new in this scorecard" : is == null ? "no longer in the scorecard"
                    : !was.missing() && is.missing() ? "data went missing (" + is.policy() + ")"
                    : was.missing() && !is.missing() ? "data arrived"
                    : MeasureResult.QUIET.equals(was.policy()) && is.counted() ? "trouble arrived: counted now, left out while "
                            + "nothing happened (the other measures' shares shrink to make room)"
                    : was.counted() && MeasureResult.QUIET.equals(is.policy()) ? "trouble cleared: left out again" : null;
            changes.add(new HealthDiff.MeasureChange(key, (is != null ? is : was).label(), was == null ? null : was.value(),
                    is == null ? null : is.value(), cBefore, cAfter, cAfter.subtract(cBefore), note));
        });
        changes.sort(Comparator.comparing((HealthDiff.MeasureChange c) -> c.change().abs()).reversed());
        BigDecimal change = a.score() == null || b.score() == null ? null : b.score().subtract(a.score());
        return new HealthDiff(accountId, from, to, side(before), side(after), change, scorecardChanged,
                summary(change, changes, scorecardChanged), changes);
    }

    private static HealthDiff.Side side(HealthStore.Stored s) {
        return new HealthDiff.Side(s.asOf(), s.score(), s.band(), s.scorecard(), s.version());
    }

    private static String summary(BigDecimal change, List<HealthDiff.MeasureChange> changes, boolean scorecardChanged) {
        if (change == null) {
            return "No score on one of the dates: no measure had data.";
        }
        if (change.signum() == 0 && changes.stream().allMatch(c -> c.change().signum() == 0)) {
            return "Nothing moved the score.";
        }
        List<String> movers = changes.stream().filter(c -> c.change().signum() != 0).limit(3)
                .map(c -> c.label() + " " + signed(c.change())).toList();
        return "Score " + (change.signum() >= 0 ? "up " : "down ") + change.abs().toPlainString()
                + (movers.isEmpty() ? "" : ", mostly " + String.join(", ", movers))
                + (scorecardChanged ? "; the scorecard changed in between" : "") + ".";
    }

    private static String signed(BigDecimal value) {
        return (value.signum() > 0 ? "+" : "") + value.toPlainString();
    }

    public record DailyScore(LocalDate day, BigDecimal score, Band band) {
    }

    /** The score on each day with a snapshot between the dates. */
    public List<DailyScore> history(long accountId, LocalDate from, LocalDate to) {
        accounts.get(accountId);
        return store.daily(accountId, from, to).stream().map(s -> new DailyScore(s.asOf(), s.score(), s.band())).toList();
    }

    /** One cell of the segment × band view: accounts and their ARR. */
    public record BookCell(String segment, Band band, long accounts, BigDecimal arr) {
    }

    /** Scored accounts by segment and band, with ARR; segments in band order, then any other. */
    public List<BookCell> bookBySegmentAndBand() {
        List<BookCell> cells = jdbc.sql("select a.segment, h.band, count(*), coalesce(sum(a.arr), 0) from account a "
                + "join account_health h on h.account_id = a.id where a.lifecycle_stage <> 'CHURNED' "
                + "group by a.segment, h.band").query((rs, n) -> new BookCell(rs.getString(1), Band.valueOf(rs.getString(2)),
                        rs.getLong(3), rs.getBigDecimal(4).setScale(2, RoundingMode.HALF_UP))).list();
        List<String> order = accounts.segmentNames();
        return cells.stream().sorted(Comparator.comparing((BookCell c) -> order.indexOf(c.segment()) < 0 ? order.size()
                : order.indexOf(c.segment())).thenComparing(BookCell::band)).toList();
    }

    /** A scored account in a list by band. */
    public record BandedAccount(long id, String name, String segment, String owner, BigDecimal arr, BigDecimal score,
            Band band, java.time.LocalDate renewalDate) {
    }

    public List<BandedAccount> accountsIn(String segment, Band band) {
        org.lodestar.infrastructure.SqlFilter filter = new org.lodestar.infrastructure.SqlFilter()
                .and(segment != null, "a.segment = ?", segment).and(band != null, "h.band = ?", band == null ? null : band.name());
        return jdbc.sql("select a.id, a.name, a.segment, u.name as owner, a.arr, h.score, h.band, a.renewal_date "
                + "from account a join account_health h on h.account_id = a.id left join app_user u on u.id = a.owner_id"
                + filter.where() + " and a.lifecycle_stage <> 'CHURNED' order by h.score nulls last, a.arr desc")
                .params(filter.params())
                .query((rs, n) -> new BandedAccount(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getBigDecimal(5), rs.getBigDecimal(6), Band.valueOf(rs.getString(7)),
                        rs.getObject(8, LocalDate.class))).list();
    }
}
