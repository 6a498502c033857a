package org.lodestar.health;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

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
        int n = scores.length;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(scores[a], scores[b]));
        double positiveRankSum = 0;
        long positives = 0;
        int i = 0;
        while (i < n) {
            int j = i;
            while (j + 1 < n && scores[order[j + 1]] == scores[order[i]]) {
                j++;
            }
            double averageRank = (i + j) / 2.0 + 1;
            for (int k = i; k <= j; k++) {
                if (outcomes[order[k]]) {
                    positiveRankSum += averageRank;
                    positives++;
                }
            }
            i = j + 1;
        }
        long negatives = n - positives;
        if (positives == 0 || negatives == 0) {
            return Double.NaN;
        }
        return (positiveRankSum - positives * (positives + 1) / 2.0) / ((double) positives * negatives);
    }

    /**
     * The 2.5th and 97.5th percentiles of the AUC over {@code resamples} bootstrap resamples of the
     * rows (drawn with replacement, seeded); resamples holding one class only are drawn again.
     */
    public static Interval aucInterval(double[] scores, boolean[] outcomes, int resamples, long seed) {
        int[] ownGroup = new int[scores.length];
        Arrays.setAll(ownGroup, i -> i);
        return aucInterval(scores, outcomes, ownGroup, resamples, seed);
    }

    /**
     * As {@link #aucInterval(double[], boolean[], int, long)}, resampling whole groups: rows that share
     * a {@code group} (the dates of one account) go in or out together, since they are not independent.
     */
    public static Interval aucInterval(double[] scores, boolean[] outcomes, int[] group, int resamples, long seed) {
        Map<Integer, List<Integer>> byGroup = new TreeMap<>();
        for (int i = 0; i < scores.length; i++) {
            byGroup.computeIfAbsent(group[i], g -> new ArrayList<>()).add(i);
        }
        List<List<Integer>> groups = new ArrayList<>(byGroup.values());
        SplittableRandom random = new SplittableRandom(seed);
        double[] aucs = new double[resamples];
        int drawn = 0;
        for (int attempt = 0; drawn < resamples && attempt < resamples * 10; attempt++) {
            List<Integer> rows = new ArrayList<>(scores.length);
            for (int g = 0; g < groups.size(); g++) {
                rows.addAll(groups.get(random.nextInt(groups.size())));
            }
            double[] s = new double[rows.size()];
            boolean[] o = new boolean[rows.size()];
            for (int i = 0; i < s.length; i++) {
                s[i] = scores[rows.get(i)];
                o[i] = outcomes[rows.get(i)];
            }
            double auc = auc(s, o);
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
