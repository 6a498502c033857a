package org.lodestar.health;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;

import org.lodestar.web.InvalidInput;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Scores the book as of past dates with today's (or a candidate's) scorecards and checks the scores
 * against what the ARR ledger says happened within the horizon: churn or contraction. On each date,
 * the accounts with ARR then are scored from the data they had then. A scorecard set's carry-last
 * values are carried from one date to the next.
 */
@Service
public class Backtest {

    static final int MAX_DATES = 400;

    private final HealthScores scores;
    private final JdbcClient jdbc;

    Backtest(HealthScores scores, JdbcClient jdbc) {
        this.scores = scores;
        this.jdbc = jdbc;
    }

    /** A set of scorecards to test under a label. */
    public record Candidate(String label, Scorecards scorecards) {
    }

    @Transactional(readOnly = true)
    public BacktestReport run(LocalDate from, LocalDate to, int horizonDays, int stepDays, List<Candidate> candidates,
            Consumer<String> progress) {
        if (from == null || to == null) {
            throw new InvalidInput(from == null ? "from" : "to", "expected a date (YYYY-MM-DD)");
        }
        if (to.isBefore(from)) {
            throw new InvalidInput("to", "must be on or after from (" + from + ")");
        }
        if (horizonDays < 1 || horizonDays > 730) {
            throw new InvalidInput("horizon", "expected 1 to 730 days, got " + horizonDays);
        }
        if (stepDays < 1 || stepDays > 365) {
            throw new InvalidInput("step", "expected 1 to 365 days, got " + stepDays);
        }
        List<LocalDate> dates = new ArrayList<>();
        for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(stepDays)) {
            dates.add(d);
        }
        if (dates.size() > MAX_DATES) {
            throw new InvalidInput("step", "the range holds " + dates.size() + " dates at this step; at most " + MAX_DATES);
        }
        Map<Long, String[]> accounts = new HashMap<>();
        jdbc.sql("select id, name, segment from account").query(rs -> {
            accounts.put(rs.getLong(1), new String[] { rs.getString(2), rs.getString(3) });
        });
        List<List<BacktestFigures.Pair>> pairs = new ArrayList<>();
        List<Map<Long, Map<String, HealthScoring.Observed>>> carried = new ArrayList<>();
        candidates.forEach(c -> {
            pairs.add(new ArrayList<>());
            carried.add(new HashMap<>());
        });
        for (LocalDate day : dates) {
            Set<Long> active = activeOn(day);
            Map<Long, boolean[]> outcomes = outcomes(day, day.plusDays(horizonDays));
            for (int c = 0; c < candidates.size(); c++) {
                Map<Long, HealthScore> scored = scores.scoreAsOf(day, candidates.get(c).scorecards(), active, carried.get(c));
                for (Map.Entry<Long, HealthScore> e : new TreeMap<>(scored).entrySet()) {
                    if (e.getValue().score() == null) {
                        continue;
                    }
                    boolean[] outcome = outcomes.getOrDefault(e.getKey(), new boolean[2]);
                    String[] account = accounts.get(e.getKey());
                    pairs.get(c).add(new BacktestFigures.Pair(e.getKey(), account[0], account[1], day, e.getValue().score(),
                            e.getValue().band(), outcome[0], outcome[1]));
                }
            }
            progress.accept(day + ": " + active.size() + " accounts with ARR");
        }
        List<BacktestReport.Result> results = new ArrayList<>();
        for (int c = 0; c < candidates.size(); c++) {
            Map<String, List<BacktestFigures.Pair>> bySegment = new TreeMap<>();
            pairs.get(c).forEach(p -> bySegment.computeIfAbsent(p.segment(), s -> new ArrayList<>()).add(p));
            Map<String, BacktestFigures> segmentFigures = new LinkedHashMap<>();
            bySegment.forEach((segment, list) -> segmentFigures.put(segment, BacktestFigures.of(list)));
            results.add(new BacktestReport.Result(candidates.get(c).label(), BacktestFigures.of(pairs.get(c)), segmentFigures,
                    pairs.get(c)));
        }
        return new BacktestReport(from, to, horizonDays, stepDays, dates, results);
    }

    /** Accounts with ARR at the end of the day, by the ledger. */
    private Set<Long> activeOn(LocalDate day) {
        return new HashSet<>(jdbc.sql("select account_id from arr_movement where effective_date <= ? group by account_id "
                + "having sum(amount) > 0").param(day).query(Long.class).list());
    }

    /** Per account: churned, contracted, in (day, until]. */
    private Map<Long, boolean[]> outcomes(LocalDate day, LocalDate until) {
        Map<Long, boolean[]> outcomes = new HashMap<>();
        // Net per kind: a churn the ledger later reversed (a renewal entered late) is no churn.
        jdbc.sql("select account_id, kind from arr_movement where effective_date > ? and effective_date <= ? "
                + "and kind in ('churn', 'contraction') group by account_id, kind having sum(amount) < 0").params(day, until)
                .query(rs -> {
                    boolean[] o = outcomes.computeIfAbsent(rs.getLong(1), a -> new boolean[2]);
                    o["churn".equals(rs.getString(2)) ? 0 : 1] = true;
                });
        return outcomes;
    }

    static int days(LocalDate a, LocalDate b) {
        return (int) ChronoUnit.DAYS.between(a, b);
    }
}
