package org.lodestar.health;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;

import org.lodestar.accounts.AccountSet;
import org.lodestar.accounts.BookFacts;
import org.lodestar.revenue.ContractFacts;
import org.lodestar.web.InvalidInput;
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

    private static final ContractFacts.Outcome NOTHING = new ContractFacts.Outcome(false, false);

    private final HealthScores scores;
    private final BookFacts book;
    private final ContractFacts contracts;

    Backtest(HealthScores scores, BookFacts book, ContractFacts contracts) {
        this.scores = scores;
        this.book = book;
        this.contracts = contracts;
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
        Map<Long, BookFacts.Profile> accounts = book.profiles(AccountSet.all(), true);
        List<List<BacktestFigures.Pair>> pairs = new ArrayList<>();
        List<Map<Long, Map<String, HealthScoring.Observed>>> carried = new ArrayList<>();
        candidates.forEach(c -> {
            pairs.add(new ArrayList<>());
            carried.add(new HashMap<>());
        });
        for (LocalDate day : dates) {
            Set<Long> active = contracts.withArrOn(day);
            Map<Long, ContractFacts.Outcome> outcomes = contracts.outcomes(day, day.plusDays(horizonDays));
            for (int c = 0; c < candidates.size(); c++) {
                Map<Long, HealthScore> scored = scores.scoreAsOf(day, candidates.get(c).scorecards(), active, carried.get(c));
                for (Map.Entry<Long, HealthScore> e : new TreeMap<>(scored).entrySet()) {
                    if (e.getValue().score() == null) {
                        continue;
                    }
                    ContractFacts.Outcome outcome = outcomes.getOrDefault(e.getKey(), NOTHING);
                    BookFacts.Profile account = accounts.get(e.getKey());
                    pairs.get(c).add(new BacktestFigures.Pair(e.getKey(), account.name(), account.segment(), day,
                            e.getValue().score(), e.getValue().band(), outcome.churned(), outcome.contracted()));
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

    static int days(LocalDate a, LocalDate b) {
        return (int) ChronoUnit.DAYS.between(a, b);
    }
}
