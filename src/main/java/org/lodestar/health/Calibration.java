package org.lodestar.health;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.lodestar.errors.InvalidInput;
import org.lodestar.revenue.ContractFacts;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Fits a scorecard's weights and band thresholds to the book's history. The scored dates from --from to --to
 * are split in time: the earlier ones (those whose horizon ends before the first later one begins, so no
 * outcome used for fitting happened after a judged date) fit, the later ones judge. On the fitting dates each
 * account's risk on a measure is (100 − sub-score) / 100; a logistic regression of churn-or-contraction
 * within the horizon on those risks, with weights held non-negative (a measure cannot count for health by
 * being bad) and an L2 penalty, gives each measure's weight, scaled to add up to 100. The red and yellow
 * thresholds are then placed so the bands hold the same share of the fitting account-dates as under the
 * current scorecard. Scoring functions, missing-data policies and critical conditions are kept as they are.
 */
@Service
public class Calibration {

    static final double L2 = 0.001;
    static final int ITERATIONS = 3000;
    static final double STEP = 2.0;
    /** Fewer outcomes than this on the fitting dates and the fit is refused. */
    static final int MIN_OUTCOMES = 20;

    private final HealthScores scores;
    private final HealthConfiguration configuration;
    private final ContractFacts contracts;
    private final Backtest backtest;

    Calibration(HealthScores scores, HealthConfiguration configuration, ContractFacts contracts, Backtest backtest) {
        this.scores = scores;
        this.configuration = configuration;
        this.contracts = contracts;
        this.backtest = backtest;
    }

    /** The candidate, what was fitted, and the current and candidate scorecards backtested on the judging dates. */
    public record Result(ScorecardDefinition current, ScorecardDefinition candidate, Map<String, Double> coefficients,
            int fittingPairs, int fittingOutcomes, LocalDate fitFrom, LocalDate fitTo, BacktestReport judged) {
    }

    @Transactional(readOnly = true)
    public Result calibrate(String scorecardName, LocalDate from, LocalDate to, int horizonDays, int stepDays,
            Consumer<String> progress) {
        ScorecardDefinition current = configuration.scorecards().all().stream().filter(s -> s.name().equals(scorecardName))
                .findFirst().orElseThrow(() -> new InvalidInput("scorecard", "no scorecard named '" + scorecardName
                        + "'; the scorecards are " + String.join(", ", configuration.scorecards().all().stream()
                                .map(ScorecardDefinition::name).toList())));
        if (from == null || to == null || !to.isAfter(from)) {
            throw new InvalidInput("to", "expected a date after --from");
        }
        List<LocalDate> dates = new ArrayList<>();
        for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(stepDays)) {
            dates.add(d);
        }
        LocalDate judgeFrom = dates.get(dates.size() * 2 / 3);
        List<LocalDate> fitting = dates.stream().filter(d -> !d.plusDays(horizonDays).isAfter(judgeFrom)).toList();
        List<LocalDate> judging = dates.stream().filter(d -> !d.isBefore(judgeFrom)).toList();
        if (fitting.size() < 2 || judging.isEmpty()) {
            throw new InvalidInput("from", "the range " + from + " to " + to + " every " + stepDays + " days leaves "
                    + fitting.size() + " fitting dates (each needs its " + horizonDays + "-day horizon to end before the judged "
                    + "dates start on " + judgeFrom + ") and " + judging.size() + " judged dates; widen the range");
        }
        List<MeasureDefinition> measures = current.measures();
        List<double[]> rows = new ArrayList<>();
        List<Boolean> outcomes = new ArrayList<>();
        int[] bandCounts = new int[3];
        Map<Long, Map<String, HealthScoring.Observed>> carried = new HashMap<>();
        for (LocalDate day : fitting) {
            Map<Long, ContractFacts.Outcome> happened = contracts.outcomes(day, day.plusDays(horizonDays));
            Map<Long, HealthScore> scored = scores.scoreAsOf(day, configuration.scorecards(), contracts.withArrOn(day), carried);
            scored.forEach((account, score) -> {
                if (score.score() != null && score.scorecard().equals(current.name())) {
                    double[] risk = new double[measures.size()];
                    for (int j = 0; j < measures.size(); j++) {
                        MeasureResult m = score.measure(measures.get(j).key());
                        risk[j] = m == null || m.subScore() == null ? Double.NaN : (100 - m.subScore().doubleValue()) / 100;
                    }
                    rows.add(risk);
                    bandCounts[score.band() == Band.RED ? 0 : score.band() == Band.YELLOW ? 1 : 2]++;
                    ContractFacts.Outcome o = happened.get(account);
                    outcomes.add(o != null && (o.churned() || o.contracted()));
                }
            });
            progress.accept("fitting on " + day + ": " + rows.size() + " account-dates");
        }
        int positives = (int) outcomes.stream().filter(b -> b).count();
        if (positives < MIN_OUTCOMES || rows.size() - positives < MIN_OUTCOMES) {
            throw new InvalidInput("from", "the fitting dates hold " + positives + " account-dates that churned or contracted "
                    + "and " + (rows.size() - positives) + " that did not; calibrating needs at least " + MIN_OUTCOMES
                    + " of each: widen the range or lengthen the horizon");
        }
        double[] coefficients = fit(rows, outcomes);
        Map<String, Double> fitted = new LinkedHashMap<>();
        for (int j = 0; j < measures.size(); j++) {
            fitted.put(measures.get(j).key(), coefficients[j]);
        }
        ScorecardDefinition weighted = reweighted(current, coefficients, judgeFrom);
        ScorecardDefinition candidate = withThresholds(weighted, fitting, (double) bandCounts[0] / rows.size(),
                (double) (bandCounts[0] + bandCounts[1]) / rows.size());
        BacktestReport judged = backtest.run(judging.getFirst(), judging.getLast(), horizonDays, stepDays, List.of(
                new Backtest.Candidate("current " + current.version(), configuration.scorecards()),
                new Backtest.Candidate("candidate " + candidate.version(), configuration.scorecards().with(candidate))),
                line -> progress.accept("judging " + line));
        return new Result(current, candidate, fitted, rows.size(), positives, fitting.getFirst(), fitting.getLast(), judged);
    }

    /** The lowest score above the given share of the sorted scores: scores below it are that share. */
    static BigDecimal quantile(List<BigDecimal> sorted, double share) {
        int index = (int) Math.min(sorted.size() - 1, Math.max(0, Math.round(share * sorted.size())));
        return sorted.get(index).setScale(1, RoundingMode.HALF_UP);
    }

    /**
     * Non-negative L2-regularised logistic regression by projected gradient descent; a risk that is not known (the
     * measure did not count) takes the column's mean. Returns the coefficient of each column (the intercept apart).
     */
    static double[] fit(List<double[]> rows, List<Boolean> outcomes) {
        int n = rows.size();
        int k = rows.get(0).length;
        double[] means = new double[k];
        int[] known = new int[k];
        for (double[] row : rows) {
            for (int j = 0; j < k; j++) {
                if (!Double.isNaN(row[j])) {
                    means[j] += row[j];
                    known[j]++;
                }
            }
        }
        for (int j = 0; j < k; j++) {
            means[j] = known[j] == 0 ? 0 : means[j] / known[j];
        }
        double[][] x = new double[n][k];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < k; j++) {
                x[i][j] = Double.isNaN(rows.get(i)[j]) ? means[j] : rows.get(i)[j];
            }
        }
        double[] w = new double[k];
        // Start from the base rate, so the first steps do not push every weight to 0 while the intercept catches up.
        long positives = outcomes.stream().filter(o -> o).count();
        double bias = Math.log((positives + 0.5) / (n - positives + 0.5));
        for (int iteration = 0; iteration < ITERATIONS; iteration++) {
            double[] gradient = new double[k];
            double gradientBias = 0;
            for (int i = 0; i < n; i++) {
                double z = bias;
                for (int j = 0; j < k; j++) {
                    z += w[j] * x[i][j];
                }
                double error = 1 / (1 + Math.exp(-z)) - (outcomes.get(i) ? 1 : 0);
                gradientBias += error;
                for (int j = 0; j < k; j++) {
                    gradient[j] += error * x[i][j];
                }
            }
            bias -= STEP * gradientBias / n;
            for (int j = 0; j < k; j++) {
                w[j] = Math.max(0, w[j] - STEP * (gradient[j] / n + L2 * w[j]));
            }
        }
        return w;
    }

    /** The scorecard with weights in proportion to the coefficients, adding up to 100; a measure fitted at 0 keeps 1. */
    static ScorecardDefinition reweighted(ScorecardDefinition current, double[] coefficients, LocalDate on) {
        double total = 0;
        for (double c : coefficients) {
            total += c;
        }
        List<MeasureDefinition> measures = new ArrayList<>();
        for (int j = 0; j < current.measures().size(); j++) {
            MeasureDefinition m = current.measures().get(j);
            long weight = total == 0 ? 1 : Math.max(1, Math.round(coefficients[j] * 100 / total));
            measures.add(new MeasureDefinition(m.key(), m.label(), m.group(), m.input(), m.windowDays(), m.function(),
                    BigDecimal.valueOf(weight), m.missing(), m.scoreQuiet(), m.fromDay()));
        }
        return new ScorecardDefinition(current.name(), current.version() + "-calibrated-" + on, current.description(),
                current.segments(), current.stages(), current.bands(), measures, current.critical(), current.minimumData(), "candidate");
    }

    /**
     * The candidate with thresholds that keep the bands the size they had under the current scorecard on the fitting
     * dates (the same share of account-dates red, and red or yellow): the team's red list stays a list it can work,
     * now ordered by the fitted weights.
     */
    private ScorecardDefinition withThresholds(ScorecardDefinition weighted, List<LocalDate> fitting, double redShare,
            double redOrYellowShare) {
        List<BigDecimal> all = new ArrayList<>();
        Map<Long, Map<String, HealthScoring.Observed>> carried = new HashMap<>();
        Scorecards with = configuration.scorecards().with(weighted);
        for (LocalDate day : fitting) {
            scores.scoreAsOf(day, with, contracts.withArrOn(day), carried).values().stream()
                    .filter(s -> s.score() != null && s.scorecard().equals(weighted.name())).forEach(s -> all.add(s.score()));
        }
        all.sort(BigDecimal::compareTo);
        BigDecimal red = quantile(all, redShare);
        BigDecimal yellow = quantile(all, redOrYellowShare).max(red);
        return new ScorecardDefinition(weighted.name(), weighted.version(), weighted.description(), weighted.segments(),
                weighted.stages(), new Bands(red, yellow), weighted.measures(), weighted.critical(), weighted.minimumData(),
                weighted.file());
    }
}
