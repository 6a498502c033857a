package org.lodestar.health;

import java.math.BigDecimal;
import java.math.RoundingMode;
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
import org.lodestar.errors.InvalidInput;
import org.lodestar.revenue.ContractFacts;
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

    /** The label of the churn model's column when it is compared. */
    public static final String MODEL = "churn model";

    private final HealthScores scores;
    private final BookFacts book;
    private final ContractFacts contracts;
    private final ChurnFeatures features;

    Backtest(HealthScores scores, BookFacts book, ContractFacts contracts, ChurnFeatures features) {
        this.scores = scores;
        this.book = book;
        this.contracts = contracts;
        this.features = features;
    }

    /** A set of scorecards to test under a label. */
    public record Candidate(String label, Scorecards scorecards) {
    }

    @Transactional(readOnly = true)
    public BacktestReport run(LocalDate from, LocalDate to, int horizonDays, int stepDays, List<Candidate> candidates,
            Consumer<String> progress) {
        return run(from, to, horizonDays, stepDays, candidates, false, progress);
    }

    /**
     * With {@code withModel}, the churn model is a column too: on each date a model trained walk-forward on what was
     * known then (outcomes whose horizon had passed by the date, Platt-calibrated as in training) gives each account
     * scored by the first candidate a probability; its pair's score is 100 × (1 − probability), so lower is riskier as
     * for scorecards, and it also carries the probability (Brier score, reliability). Dates with too few outcomes
     * before them to train on are left out of every column, so all columns cover the same account-dates.
     */
    @Transactional(readOnly = true)
    public BacktestReport run(LocalDate from, LocalDate to, int horizonDays, int stepDays, List<Candidate> candidates,
            boolean withModel, Consumer<String> progress) {
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
        List<BacktestFigures.Pair> modelPairs = new ArrayList<>();
        ChurnWalkForward.History history = withModel ? ChurnWalkForward.remembering(features.history()) : null;
        List<LocalDate> trainingDates = withModel ? ChurnWalkForward.dates(from.minusYears(5), to) : List.of();
        List<LocalDate> skipped = new ArrayList<>();
        for (LocalDate day : dates) {
            Map<Long, Double> probabilities = null;
            if (withModel) {
                probabilities = modelOn(history, trainingDates, horizonDays, day);
                if (probabilities == null) {
                    skipped.add(day);
                    progress.accept(day + ": too few outcomes before it to train the model; left out");
                    continue;
                }
            }
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
                    Double p = c == 0 && probabilities != null ? probabilities.get(e.getKey()) : null;
                    if (p != null) {
                        modelPairs.add(new BacktestFigures.Pair(e.getKey(), account.name(), account.segment(), day,
                                BigDecimal.valueOf(100 * (1 - p)).setScale(1, RoundingMode.HALF_UP), Band.NONE, outcome.churned(),
                                outcome.contracted(), p));
                    }
                }
            }
            progress.accept(day + ": " + active.size() + " accounts with ARR");
        }
        if (withModel) {
            if (modelPairs.isEmpty()) {
                throw new InvalidInput("model", "no date from " + from + " to " + to + " had enough outcomes before it ("
                        + ChurnWalkForward.MIN_OUTCOMES + " churned or contracted and as many that did not, within " + horizonDays
                        + " days) to train the churn model on; start later or compare the scorecards alone");
            }
            // The model's accounts are those the first scorecards scored; the others keep only the same account-dates.
            Set<String> keys = new java.util.HashSet<>();
            modelPairs.forEach(p -> keys.add(p.accountId() + "@" + p.day()));
            pairs.forEach(list -> list.removeIf(p -> !keys.contains(p.accountId() + "@" + p.day())));
            pairs.add(modelPairs);
        }
        List<String> labels = new ArrayList<>(candidates.stream().map(Candidate::label).toList());
        if (withModel) {
            labels.add(MODEL);
        }
        List<BacktestReport.Result> results = new ArrayList<>();
        for (int c = 0; c < labels.size(); c++) {
            Map<String, List<BacktestFigures.Pair>> bySegment = new TreeMap<>();
            pairs.get(c).forEach(p -> bySegment.computeIfAbsent(p.segment(), s -> new ArrayList<>()).add(p));
            Map<String, BacktestFigures> segmentFigures = new LinkedHashMap<>();
            bySegment.forEach((segment, list) -> segmentFigures.put(segment, BacktestFigures.of(list)));
            results.add(new BacktestReport.Result(labels.get(c), BacktestFigures.of(pairs.get(c)), segmentFigures,
                    pairs.get(c)));
        }
        return new BacktestReport(from, to, horizonDays, stepDays, dates.stream().filter(d -> !skipped.contains(d)).toList(),
                results);
    }

    /** The walk-forward model's probability per account with ARR on the day; null when too few outcomes came before it. */
    private static Map<Long, Double> modelOn(ChurnWalkForward.History history, List<LocalDate> trainingDates, int horizonDays,
            LocalDate day) {
        ChurnWalkForward.Examples training = ChurnWalkForward.examples(history, trainingDates, horizonDays, day);
        if (training.positives() < ChurnWalkForward.MIN_OUTCOMES || training.negatives() < ChurnWalkForward.MIN_OUTCOMES) {
            return null;
        }
        ChurnModel model = ChurnModel.fit(horizonDays, training.rows(), training.outcomes(), ChurnWalkForward.SEED)
                .calibrated(ChurnWalkForward.calibration(history, trainingDates, horizonDays, day));
        Map<Long, Double> probabilities = new HashMap<>();
        for (ChurnRow row : history.rows(day)) {
            probabilities.put(row.accountId(), ChurnModel.sigmoid(model.logit(row)));
        }
        return probabilities;
    }

    static int days(LocalDate a, LocalDate b) {
        return (int) ChronoUnit.DAYS.between(a, b);
    }
}
