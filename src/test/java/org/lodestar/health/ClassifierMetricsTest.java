package org.lodestar.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** The model's figures against hand computations. */
class ClassifierMetricsTest {

    private static final double[] SCORES = { 0.9, 0.8, 0.7, 0.6, 0.2 };
    private static final boolean[] OUTCOMES = { true, false, true, false, false };

    @Test
    void aucCountsPairsRankedRightTiesAsHalf() {
        // Positives 0.9 and 0.7 against negatives 0.8, 0.6, 0.2: 0.9 beats 3, 0.7 beats 2 → 5 of 6 pairs.
        assertThat(ClassifierMetrics.auc(SCORES, OUTCOMES)).isCloseTo(5.0 / 6, within(1e-12));
        // A tie between a positive and a negative counts half: (1 + 0.5) / 2.
        assertThat(ClassifierMetrics.auc(new double[] { 0.5, 0.5, 0.1 }, new boolean[] { true, false, false }))
                .isCloseTo(0.75, within(1e-12));
        assertThat(ClassifierMetrics.auc(SCORES, new boolean[5])).as("one class only").isNaN();
    }

    @Test
    void brierAndLogLoss() {
        // (0.01 + 0.64 + 0.09 + 0.36 + 0.04) / 5 = 0.228
        assertThat(ClassifierMetrics.brier(SCORES, OUTCOMES)).isCloseTo(0.228, within(1e-12));
        double expected = -(Math.log(0.9) + Math.log(0.2) + Math.log(0.7) + Math.log(0.4) + Math.log(0.8)) / 5;
        assertThat(ClassifierMetrics.logLoss(SCORES, OUTCOMES)).isCloseTo(expected, within(1e-12));
        assertThat(ClassifierMetrics.logLoss(new double[] { 0 }, new boolean[] { true }))
                .as("a certain miss is bounded").isCloseTo(-Math.log(1e-15), within(1e-9));
    }

    @Test
    void calibrationBinsByPredictedProbability() {
        var bins = ClassifierMetrics.calibration(SCORES, OUTCOMES, 2);
        // Below 0.5: 0.2 (no churn). From 0.5: 0.9, 0.8, 0.7, 0.6 with 2 churned.
        assertThat(bins).hasSize(2);
        assertThat(bins.get(0)).isEqualTo(new ClassifierMetrics.CalibrationBin(0, 0.5, 1, 0.2, 0));
        assertThat(bins.get(1).count()).isEqualTo(4);
        assertThat(bins.get(1).meanPredicted()).isCloseTo(0.75, within(1e-12));
        assertThat(bins.get(1).observedRate()).isEqualTo(0.5);
    }

    @Test
    void theBootstrapIntervalIsSeededAndHoldsTheFigure() {
        double[] scores = new double[200];
        boolean[] outcomes = new boolean[200];
        for (int i = 0; i < 200; i++) {
            outcomes[i] = i % 4 == 0;
            scores[i] = (outcomes[i] ? 0.6 : 0.4) + ((i * 37) % 100) / 250.0;
        }
        double auc = ClassifierMetrics.auc(scores, outcomes);
        var interval = ClassifierMetrics.aucInterval(scores, outcomes, 500, 11);
        assertThat(interval.low()).isLessThan(auc);
        assertThat(interval.high()).isGreaterThan(auc);
        assertThat(ClassifierMetrics.aucInterval(scores, outcomes, 500, 11)).isEqualTo(interval);
    }

    @Test
    void aGroupedResampleScoresLikeTheRowsCopiedOutByHand() {
        // Rows 0-1 are one account's two dates, row 2 another account; drawing account 0 twice and account 1 not
        // at all is the four rows 0.9+, 0.3-, 0.9+, 0.3-: each positive beats both negatives, AUC 1.
        double[] scores = { 0.9, 0.3, 0.5, 0.1 };
        boolean[] outcomes = { true, false, true, false };
        int[] groups = { 7, 7, 9, 9 };
        // With one resample the interval is that resample's AUC; find a seed that draws group 7 twice.
        for (long seed = 0; seed < 50; seed++) {
            java.util.SplittableRandom random = new java.util.SplittableRandom(seed);
            int first = random.nextInt(2);
            int second = random.nextInt(2);
            double[] copied;
            boolean[] copiedOutcomes;
            if (first == second) {
                int offset = first * 2;
                copied = new double[] { scores[offset], scores[offset + 1], scores[offset], scores[offset + 1] };
                copiedOutcomes = new boolean[] { outcomes[offset], outcomes[offset + 1], outcomes[offset], outcomes[offset + 1] };
            } else {
                copied = scores;
                copiedOutcomes = outcomes;
            }
            var interval = ClassifierMetrics.aucInterval(scores, outcomes, groups, 1, seed);
            assertThat(interval.low()).as("seed " + seed).isCloseTo(ClassifierMetrics.auc(copied, copiedOutcomes), within(1e-12));
        }
        // Ties between a drawn positive and negative still count half, whatever the multiplicity.
        var tied = ClassifierMetrics.aucInterval(new double[] { 0.5, 0.5 }, new boolean[] { true, false }, new int[] { 1, 2 }, 200, 3);
        assertThat(tied.low()).isEqualTo(0.5);
        assertThat(tied.high()).isEqualTo(0.5);
    }
}
