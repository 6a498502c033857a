package org.lodestar.health;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * How well probabilities separate and match outcomes: ROC AUC (with a bootstrap interval), Brier
 * score, log loss and a calibration table. Plain Java over parallel arrays of probabilities and
 * outcomes (true: the customer churned or contracted).
 */
public final class ClassifierMetrics {

    /** A band of predicted probability: how many fell in it, what they were given, what happened. */
    public record CalibrationBin(double from, double to, int count, double meanPredicted, double observedRate) {
    }

    /** An interval around a figure. */
    public record Interval(double low, double high) {
    }

    private ClassifierMetrics() {
    }

    /**
     * The probability that a random positive is scored above a random negative (ties count half):
     * the Mann-Whitney statistic over average ranks. NaN when either class is absent.
     */
    public static double auc(double[] scores, boolean[] outcomes) {
        int[] ownGroup = new int[scores.length];
        Arrays.setAll(ownGroup, i -> i);
        int[] once = new int[scores.length];
        Arrays.fill(once, 1);
        return Ranked.of(scores, outcomes, ownGroup).auc(once);
    }

    /**
     * An interval holding 95% of the AUCs of {@code resamples} bootstrap resamples (rows drawn with
     * replacement; resamples missing a class are drawn again, up to ten times as many draws).
     */
    public static Interval aucInterval(double[] scores, boolean[] outcomes, int resamples, long seed) {
        int[] ownGroup = new int[scores.length];
        Arrays.setAll(ownGroup, i -> i);
        return aucInterval(scores, outcomes, ownGroup, resamples, seed);
    }

    /**
     * As {@link #aucInterval(double[], boolean[], int, long)}, resampling whole groups: rows that share
     * a {@code group} (the dates of one account) go in or out together, since they are not independent.
     * The rows are sorted once; a resample only counts how often each group was drawn.
     */
    public static Interval aucInterval(double[] scores, boolean[] outcomes, int[] group, int resamples, long seed) {
        int[] groups = Arrays.stream(group).distinct().sorted().toArray();
        int[] groupOf = new int[scores.length];
        Arrays.setAll(groupOf, i -> Arrays.binarySearch(groups, group[i]));
        Ranked ranked = Ranked.of(scores, outcomes, groupOf);
        int[] draws = new int[groups.length];
        SplittableRandom random = new SplittableRandom(seed);
        double[] aucs = new double[resamples];
        int drawn = 0;
        for (int attempt = 0; drawn < resamples && attempt < resamples * 10; attempt++) {
            Arrays.fill(draws, 0);
            for (int g = 0; g < groups.length; g++) {
                draws[random.nextInt(groups.length)]++;
            }
            double auc = ranked.auc(draws);
            if (!Double.isNaN(auc)) {
                aucs[drawn++] = auc;
            }
        }
        if (drawn == 0) {
            return new Interval(Double.NaN, Double.NaN);
        }
        double[] found = Arrays.copyOf(aucs, drawn);
        Arrays.sort(found);
        return new Interval(percentile(found, 0.025), percentile(found, 0.975));
    }

    /**
     * Rows in ascending score, laid out once for counting many times: each row's group and outcome, and where each run
     * of tied scores starts.
     */
    private record Ranked(int[] group, boolean[] positive, int[] tieStarts) {

        static Ranked of(double[] scores, boolean[] outcomes, int[] groupOf) {
            int[] order = IntStream.range(0, scores.length).boxed().sorted(Comparator.comparingDouble(i -> scores[i]))
                    .mapToInt(Integer::intValue).toArray();
            int[] group = new int[order.length];
            boolean[] positive = new boolean[order.length];
            int[] starts = new int[order.length + 1];
            int ties = 0;
            for (int k = 0; k < order.length; k++) {
                group[k] = groupOf[order[k]];
                positive[k] = outcomes[order[k]];
                if (k == 0 || scores[order[k]] != scores[order[k - 1]]) {
                    starts[ties++] = k;
                }
            }
            starts[ties] = order.length;
            return new Ranked(group, positive, Arrays.copyOf(starts, ties + 1));
        }

        /**
         * The Mann-Whitney statistic with each row counted as often as its group's weight: each positive beats the
         * negatives below it and half of those tied with it. NaN when either class weighs nothing.
         */
        double auc(int[] weights) {
            double positives = 0;
            double negatives = 0;
            double wins = 0;
            for (int t = 0; t + 1 < tieStarts.length; t++) {
                long tiedPositives = 0;
                long tiedNegatives = 0;
                for (int k = tieStarts[t]; k < tieStarts[t + 1]; k++) {
                    int w = weights[group[k]];
                    if (positive[k]) {
                        tiedPositives += w;
                    } else {
                        tiedNegatives += w;
                    }
                }
                wins += tiedPositives * (negatives + tiedNegatives / 2.0);
                positives += tiedPositives;
                negatives += tiedNegatives;
            }
            return positives == 0 || negatives == 0 ? Double.NaN : wins / (positives * negatives);
        }
    }

    /** The mean squared difference between probability and outcome (0 is perfect, 0.25 a coin). */
    public static double brier(double[] probabilities, boolean[] outcomes) {
        double sum = 0;
        for (int i = 0; i < probabilities.length; i++) {
            double error = probabilities[i] - (outcomes[i] ? 1 : 0);
            sum += error * error;
        }
        return sum / probabilities.length;
    }

    /** The mean negative log likelihood, probabilities kept within [1e-15, 1 - 1e-15]. */
    public static double logLoss(double[] probabilities, boolean[] outcomes) {
        double sum = 0;
        for (int i = 0; i < probabilities.length; i++) {
            double p = Math.min(1 - 1e-15, Math.max(1e-15, probabilities[i]));
            sum -= outcomes[i] ? Math.log(p) : Math.log(1 - p);
        }
        return sum / probabilities.length;
    }

    /** {@code bins} equal-width bands of probability, empty ones left out. */
    public static List<CalibrationBin> calibration(double[] probabilities, boolean[] outcomes, int bins) {
        int[] counts = new int[bins];
        double[] predicted = new double[bins];
        int[] positives = new int[bins];
        for (int i = 0; i < probabilities.length; i++) {
            int bin = Math.min(bins - 1, (int) (probabilities[i] * bins));
            counts[bin]++;
            predicted[bin] += probabilities[i];
            positives[bin] += outcomes[i] ? 1 : 0;
        }
        List<CalibrationBin> table = new ArrayList<>();
        for (int b = 0; b < bins; b++) {
            if (counts[b] > 0) {
                table.add(new CalibrationBin((double) b / bins, (double) (b + 1) / bins, counts[b],
                        predicted[b] / counts[b], (double) positives[b] / counts[b]));
            }
        }
        return table;
    }

    private static double percentile(double[] sorted, double q) {
        double position = q * (sorted.length - 1);
        int below = (int) Math.floor(position);
        int above = (int) Math.ceil(position);
        return sorted[below] + (sorted[above] - sorted[below]) * (position - below);
    }
}
