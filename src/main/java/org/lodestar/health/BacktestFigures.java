package org.lodestar.health;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Whether a score predicted what happened next, from (account, date, score, outcome) pairs. Pure
 * arithmetic, so every figure can be recomputed from the pairs by hand.
 *
 * <ul>
 * <li>rate: pairs whose account churned or contracted within the horizon, over pairs;</li>
 * <li>AUC: the chance that a pair that went badly scored lower than one that did not (ties count
 * half); 0.5 is a coin toss, 1 a perfect ranking;</li>
 * <li>red lift: the red band's rate over the rate of all pairs;</li>
 * <li>calibration: the rate per ten-point score bucket (a good score falls as the rate rises);</li>
 * <li>the AUC's 95% interval: the 2.5th and 97.5th percentiles of the AUC over {@value #RESAMPLES}
 * bootstrap resamples of <em>accounts</em> (an account's dates move together, so resampling dates
 * alone would claim more certainty than there is), seeded so it reproduces;</li>
 * <li>the ROC curve: the share of bad pairs caught against the share of good pairs flagged, as the
 * score threshold rises;</li>
 * <li>lift by decile: the pairs in ten equal groups from the lowest score up, each group's rate over
 * the rate of all pairs;</li>
 * <li>a warning when fewer than {@value #TRUSTED_OUTCOMES} pairs went badly or fewer than that did not.</li>
 * </ul>
 */
public record BacktestFigures(int pairs, int lost, int churned, int contracted, BigDecimal rate, BigDecimal auc,
        BigDecimal redLift, List<BandRow> bands, List<BucketRow> calibration, BigDecimal aucLow, BigDecimal aucHigh,
        List<RocPoint> roc, List<DecileRow> deciles, String warning, BigDecimal brier, List<ReliabilityRow> reliability) {

    /**
     * Predicted against observed for pairs that carry a probability (the churn model), in ten bands of predicted
     * probability: a calibrated model's rows lie on the diagonal.
     */
    public record ReliabilityRow(double from, double to, int pairs, double predicted, double observed) {
    }

    static final int RESAMPLES = 400;
    static final int TRUSTED_OUTCOMES = 30;
    private static final long SEED = 20261206L;

    /** A point of the ROC curve: with the threshold here, this share of good pairs and of bad pairs are flagged. */
    public record RocPoint(double falsePositiveRate, double truePositiveRate) {
    }

    /** One tenth of the pairs, from the lowest scores (decile 1) up. */
    public record DecileRow(int decile, int pairs, int lost, BigDecimal rate, BigDecimal lift) {
    }

    /** One account on one date: its score then, and whether it churned or contracted within the horizon. */
    public record Pair(long accountId, String account, String segment, LocalDate day, BigDecimal score, Band band,
            boolean churned, boolean contracted, Double probability) {

        /** A scorecard's pair: a score, no probability. */
        public Pair(long accountId, String account, String segment, LocalDate day, BigDecimal score, Band band,
                boolean churned, boolean contracted) {
            this(accountId, account, segment, day, score, band, churned, contracted, null);
        }

        public boolean lost() {
            return churned || contracted;
        }
    }

    public record BandRow(Band band, int pairs, int lost, int churned, int contracted, BigDecimal rate) {
    }

    public record BucketRow(int from, int to, int pairs, int lost, BigDecimal rate) {
    }

    public static BacktestFigures of(List<Pair> pairs) {
        int lost = (int) pairs.stream().filter(Pair::lost).count();
        int churned = (int) pairs.stream().filter(Pair::churned).count();
        int contracted = (int) pairs.stream().filter(p -> p.contracted() && !p.churned()).count();
        BigDecimal rate = rate(lost, pairs.size());
        Map<Band, List<Pair>> byBand = new EnumMap<>(Band.class);
        pairs.forEach(p -> byBand.computeIfAbsent(p.band(), b -> new ArrayList<>()).add(p));
        List<BandRow> bands = new ArrayList<>();
        for (Band band : List.of(Band.RED, Band.YELLOW, Band.GREEN)) {
            List<Pair> in = byBand.getOrDefault(band, List.of());
            int l = (int) in.stream().filter(Pair::lost).count();
            bands.add(new BandRow(band, in.size(), l, (int) in.stream().filter(Pair::churned).count(),
                    (int) in.stream().filter(p -> p.contracted() && !p.churned()).count(), rate(l, in.size())));
        }
        BigDecimal red = bands.getFirst().rate();
        BigDecimal lift = red == null || rate == null || rate.signum() == 0 ? null
                : red.divide(rate, 2, RoundingMode.HALF_UP);
        Map<Integer, int[]> buckets = new TreeMap<>();
        for (Pair p : pairs) {
            int bucket = Math.min(9, p.score().intValue() / 10);
            int[] counts = buckets.computeIfAbsent(bucket, b -> new int[2]);
            counts[0]++;
            counts[1] += p.lost() ? 1 : 0;
        }
        List<BucketRow> calibration = new ArrayList<>();
        buckets.forEach((b, c) -> calibration.add(new BucketRow(b * 10, b == 9 ? 100 : b * 10 + 10, c[0], c[1], rate(c[1], c[0]))));
        BigDecimal auc = auc(pairs);
        ClassifierMetrics.Interval interval = auc == null ? null : interval(pairs);
        String warning = lost < TRUSTED_OUTCOMES || pairs.size() - lost < TRUSTED_OUTCOMES
                ? "Only " + lost + " account-dates went badly and " + (pairs.size() - lost) + " did not: under "
                        + TRUSTED_OUTCOMES + " of either, these figures are too uncertain to act on"
                        + (interval == null ? "" : " (the AUC could be anywhere from " + round(interval.low()) + " to "
                                + round(interval.high()) + ")")
                : null;
        return new BacktestFigures(pairs.size(), lost, churned, contracted, rate, auc, lift, bands, calibration,
                interval == null ? null : round(interval.low()), interval == null ? null : round(interval.high()),
                roc(pairs), deciles(pairs, rate), warning, brier(pairs), reliability(pairs));
    }

    /** The Brier score (mean squared error of the probability), when every pair carries one; null for scores. */
    static BigDecimal brier(List<Pair> pairs) {
        if (pairs.isEmpty() || pairs.stream().anyMatch(p -> p.probability() == null)) {
            return null;
        }
        double[] p = pairs.stream().mapToDouble(Pair::probability).toArray();
        boolean[] o = new boolean[p.length];
        for (int i = 0; i < o.length; i++) {
            o[i] = pairs.get(i).lost();
        }
        return BigDecimal.valueOf(ClassifierMetrics.brier(p, o)).setScale(4, RoundingMode.HALF_UP);
    }

    /** Mean predicted and observed rate per tenth of the probability scale (bands with no pair left out). */
    static List<ReliabilityRow> reliability(List<Pair> pairs) {
        if (pairs.isEmpty() || pairs.stream().anyMatch(p -> p.probability() == null)) {
            return List.of();
        }
        double[][] sums = new double[10][3];
        for (Pair p : pairs) {
            int band = Math.min(9, (int) (p.probability() * 10));
            sums[band][0]++;
            sums[band][1] += p.probability();
            sums[band][2] += p.lost() ? 1 : 0;
        }
        List<ReliabilityRow> rows = new ArrayList<>();
        for (int b = 0; b < 10; b++) {
            if (sums[b][0] > 0) {
                rows.add(new ReliabilityRow(b / 10.0, (b + 1) / 10.0, (int) sums[b][0], sums[b][1] / sums[b][0],
                        sums[b][2] / sums[b][0]));
            }
        }
        return rows;
    }

    /** The AUC's percentile interval over bootstrap resamples of accounts (riskier is a lower score). */
    static ClassifierMetrics.Interval interval(List<Pair> pairs) {
        double[] risk = new double[pairs.size()];
        boolean[] lost = new boolean[pairs.size()];
        int[] account = new int[pairs.size()];
        Map<Long, Integer> accounts = new HashMap<>();
        for (int i = 0; i < pairs.size(); i++) {
            risk[i] = -pairs.get(i).score().doubleValue();
            lost[i] = pairs.get(i).lost();
            account[i] = accounts.computeIfAbsent(pairs.get(i).accountId(), id -> accounts.size());
        }
        return ClassifierMetrics.aucInterval(risk, lost, account, RESAMPLES, SEED);
    }

    /** The ROC curve from the lowest score up, ties taken together, at most about 60 points. */
    static List<RocPoint> roc(List<Pair> pairs) {
        long bad = pairs.stream().filter(Pair::lost).count();
        long good = pairs.size() - bad;
        if (bad == 0 || good == 0) {
            return List.of();
        }
        List<Pair> sorted = new ArrayList<>(pairs);
        sorted.sort(Comparator.comparing(Pair::score));
        List<RocPoint> points = new ArrayList<>();
        points.add(new RocPoint(0, 0));
        int caught = 0;
        int flagged = 0;
        int i = 0;
        while (i < sorted.size()) {
            int j = i;
            while (j < sorted.size() && sorted.get(j).score().compareTo(sorted.get(i).score()) == 0) {
                if (sorted.get(j).lost()) {
                    caught++;
                } else {
                    flagged++;
                }
                j++;
            }
            points.add(new RocPoint((double) flagged / good, (double) caught / bad));
            i = j;
        }
        if (points.size() <= 60) {
            return points;
        }
        List<RocPoint> thinned = new ArrayList<>();
        double step = (points.size() - 1) / 59.0;
        for (int k = 0; k < 60; k++) {
            thinned.add(points.get((int) Math.round(k * step)));
        }
        return thinned;
    }

    /** Ten near-equal groups from the lowest score up (ties by account and day, so it reproduces). */
    static List<DecileRow> deciles(List<Pair> pairs, BigDecimal overall) {
        if (pairs.size() < 10) {
            return List.of();
        }
        List<Pair> sorted = new ArrayList<>(pairs);
        sorted.sort(Comparator.comparing(Pair::score).thenComparing(Pair::accountId).thenComparing(Pair::day));
        List<DecileRow> rows = new ArrayList<>();
        for (int d = 0; d < 10; d++) {
            List<Pair> group = sorted.subList(d * sorted.size() / 10, (d + 1) * sorted.size() / 10);
            int l = (int) group.stream().filter(Pair::lost).count();
            BigDecimal rate = rate(l, group.size());
            rows.add(new DecileRow(d + 1, group.size(), l, rate, overall == null || overall.signum() == 0 || rate == null
                    ? null : rate.divide(overall, 2, RoundingMode.HALF_UP)));
        }
        return rows;
    }

    private static BigDecimal round(double value) {
        return BigDecimal.valueOf(value).setScale(3, RoundingMode.HALF_UP);
    }

    /** Rate as a percentage with one decimal; null over nothing. */
    static BigDecimal rate(int part, int whole) {
        return whole == 0 ? null : BigDecimal.valueOf(part * 100L).divide(BigDecimal.valueOf(whole), 1, RoundingMode.HALF_UP);
    }

    /**
     * The chance that a pair that went badly scored lower than one that did not, ties counting half
     * (Mann-Whitney over average ranks, {@link ClassifierMetrics#auc}), to three decimals; null without
     * both kinds.
     */
    static BigDecimal auc(List<Pair> pairs) {
        double[] risk = new double[pairs.size()];
        boolean[] lost = new boolean[pairs.size()];
        for (int i = 0; i < pairs.size(); i++) {
            risk[i] = -pairs.get(i).score().doubleValue();
            lost[i] = pairs.get(i).lost();
        }
        double auc = ClassifierMetrics.auc(risk, lost);
        return Double.isNaN(auc) ? null : BigDecimal.valueOf(auc).setScale(3, RoundingMode.HALF_UP);
    }
}
