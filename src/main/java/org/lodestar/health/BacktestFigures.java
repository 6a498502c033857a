package org.lodestar.health;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
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
 * <li>calibration: the rate per ten-point score bucket (a good score falls as the rate rises).</li>
 * </ul>
 */
public record BacktestFigures(int pairs, int lost, int churned, int contracted, BigDecimal rate, BigDecimal auc,
        BigDecimal redLift, List<BandRow> bands, List<BucketRow> calibration) {

    /** One account on one date: its score then, and whether it churned or contracted within the horizon. */
    public record Pair(long accountId, String account, String segment, LocalDate day, BigDecimal score, Band band,
            boolean churned, boolean contracted) {

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
        return new BacktestFigures(pairs.size(), lost, churned, contracted, rate, auc(pairs), lift, bands, calibration);
    }

    /** Rate as a percentage with one decimal; null over nothing. */
    static BigDecimal rate(int part, int whole) {
        return whole == 0 ? null : BigDecimal.valueOf(part * 100L).divide(BigDecimal.valueOf(whole), 1, RoundingMode.HALF_UP);
    }

    /**
     * Mann-Whitney: rank all pairs by score (ties share their average rank); the ranks of the pairs that
     * did not go badly, less their minimum possible sum, over (bad × good) pairs. Null without both kinds.
     */
    static BigDecimal auc(List<Pair> pairs) {
        long bad = pairs.stream().filter(Pair::lost).count();
        long good = pairs.size() - bad;
        if (bad == 0 || good == 0) {
            return null;
        }
        List<Pair> sorted = new ArrayList<>(pairs);
        sorted.sort(Comparator.comparing(Pair::score));
        double goodRanks = 0;
        int i = 0;
        while (i < sorted.size()) {
            int j = i;
            while (j < sorted.size() && sorted.get(j).score().compareTo(sorted.get(i).score()) == 0) {
                j++;
            }
            double averageRank = (i + 1 + j) / 2.0;
            for (int k = i; k < j; k++) {
                if (!sorted.get(k).lost()) {
                    goodRanks += averageRank;
                }
            }
            i = j;
        }
        double u = goodRanks - good * (good + 1) / 2.0;
        return BigDecimal.valueOf(u / ((double) bad * good)).setScale(3, RoundingMode.HALF_UP);
    }
}
