package org.lodestar.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** Backtest arithmetic on six hand-made pairs. */
class BacktestFiguresTest {

    private static BacktestFigures.Pair pair(long id, String score, boolean churned, boolean contracted) {
        BigDecimal s = new BigDecimal(score);
        return new BacktestFigures.Pair(id, "A" + id, "smb", LocalDate.of(2026, 1, 1), s, Bands.CLASSIC.of(s), churned,
                contracted);
    }

    private static final List<BacktestFigures.Pair> PAIRS = List.of(pair(1, "20", true, false), pair(2, "40", false, true),
            pair(3, "40", false, false), pair(4, "70", false, false), pair(5, "90", false, false), pair(6, "55", false, false));

    @Test
    void ratesByBandLiftAndCalibration() {
        BacktestFigures f = BacktestFigures.of(PAIRS);
        assertThat(f.pairs()).isEqualTo(6);
        assertThat(f.lost()).isEqualTo(2);
        assertThat(f.churned()).isEqualTo(1);
        assertThat(f.contracted()).isEqualTo(1);
        assertThat(f.rate()).isEqualByComparingTo("33.3");
        // Red holds 20, 40, 40 and 55: two of four went badly.
        assertThat(f.bands().get(0)).isEqualTo(new BacktestFigures.BandRow(Band.RED, 4, 2, 1, 1, new BigDecimal("50.0")));
        assertThat(f.bands().get(1)).isEqualTo(new BacktestFigures.BandRow(Band.YELLOW, 1, 0, 0, 0, new BigDecimal("0.0")));
        assertThat(f.bands().get(2)).isEqualTo(new BacktestFigures.BandRow(Band.GREEN, 1, 0, 0, 0, new BigDecimal("0.0")));
        assertThat(f.redLift()).isEqualByComparingTo("1.50");
        assertThat(f.calibration()).containsExactly(new BacktestFigures.BucketRow(20, 30, 1, 1, new BigDecimal("100.0")),
                new BacktestFigures.BucketRow(40, 50, 2, 1, new BigDecimal("50.0")),
                new BacktestFigures.BucketRow(50, 60, 1, 0, new BigDecimal("0.0")),
                new BacktestFigures.BucketRow(70, 80, 1, 0, new BigDecimal("0.0")),
                new BacktestFigures.BucketRow(90, 100, 1, 0, new BigDecimal("0.0")));
    }

    @Test
    void aucCountsHowOftenABadOutcomeScoredLowerWithTiesAsHalf() {
        // Bad: 20 and 40. Good: 40, 55, 70, 90. 20 is below all four (4); 40 ties one (0.5) and is below three (3).
        // 7.5 of 8 comparisons.
        assertThat(BacktestFigures.auc(PAIRS)).isEqualByComparingTo("0.938");
        List<BacktestFigures.Pair> inverted = List.of(pair(1, "90", true, false), pair(2, "10", false, false));
        assertThat(BacktestFigures.auc(inverted)).isEqualByComparingTo("0.000");
        assertThat(BacktestFigures.auc(List.of(pair(1, "50", false, false)))).isNull();
    }

    @Test
    void rocCurveWalksUpTheScoresWithTiesTogether() {
        // Scores up: 20 (bad), 40 (bad and good together), 55, 70, 90 (good). Bad 2, good 4.
        assertThat(BacktestFigures.roc(PAIRS)).containsExactly(new BacktestFigures.RocPoint(0, 0),
                new BacktestFigures.RocPoint(0, 0.5), new BacktestFigures.RocPoint(0.25, 1),
                new BacktestFigures.RocPoint(0.5, 1), new BacktestFigures.RocPoint(0.75, 1),
                new BacktestFigures.RocPoint(1, 1));
    }

    @Test
    void liftByDecileFromTheLowestScoresUp() {
        List<BacktestFigures.Pair> twenty = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            // Scores 0, 5, 10 … 95; the lowest four went badly.
            twenty.add(pair(i, Integer.toString(i * 5), i < 4, false));
        }
        BacktestFigures f = BacktestFigures.of(twenty);
        // Overall 4 of 20 = 20%; deciles 1 and 2 hold two pairs each, both bad: 100%, lift 5.
        assertThat(f.deciles()).hasSize(10);
        assertThat(f.deciles().get(0)).isEqualTo(new BacktestFigures.DecileRow(1, 2, 2, new BigDecimal("100.0"),
                new BigDecimal("5.00")));
        assertThat(f.deciles().get(1).lift()).isEqualByComparingTo("5.00");
        assertThat(f.deciles().get(2)).isEqualTo(new BacktestFigures.DecileRow(3, 2, 0, new BigDecimal("0.0"),
                new BigDecimal("0.00")));
        assertThat(f.auc()).isEqualByComparingTo("1.000");
        assertThat(f.aucLow()).isEqualByComparingTo("1.000");
        assertThat(f.warning()).isEqualTo("Only 4 account-dates went badly and 16 did not: under 30 of either, these "
                + "figures are too uncertain to act on (the AUC could be anywhere from 1.000 to 1.000)");
    }

    @Test
    void theIntervalResamplesAccountsAndReproduces() {
        List<BacktestFigures.Pair> many = new ArrayList<>();
        for (int account = 0; account < 200; account++) {
            for (int date = 0; date < 3; date++) {
                int score = (account * 37 + date * 11) % 100;
                boolean bad = (account * 13) % 100 < 30 && score < 60;
                many.add(new BacktestFigures.Pair(account, "A" + account, "smb", LocalDate.of(2026, 1, 1).plusDays(30L * date),
                        BigDecimal.valueOf(score), Bands.CLASSIC.of(BigDecimal.valueOf(score)), bad, false));
            }
        }
        BacktestFigures f = BacktestFigures.of(many);
        assertThat(f.aucLow()).isLessThan(f.auc());
        assertThat(f.aucHigh()).isGreaterThan(f.auc());
        assertThat(f.warning()).isNull();
        assertThat(BacktestFigures.of(many).aucLow()).as("seeded").isEqualTo(f.aucLow());
    }

    /**
     * Probabilities 0.8 (went badly), 0.3 (went badly), 0.3 (stayed), 0.05 (stayed):
     * Brier = (0.04 + 0.49 + 0.09 + 0.0025) / 4 = 0.155625 → 0.1556; reliability: 0.0–0.1 one pair predicted 5%,
     * observed 0; 0.3–0.4 two pairs predicted 30%, observed 50%; 0.8–0.9 one pair predicted 80%, observed 100%.
     */
    @Test
    void brierAndReliabilityForPairsThatCarryAProbability() {
        List<BacktestFigures.Pair> pairs = List.of(withProbability(1, 0.8, true), withProbability(2, 0.3, true),
                withProbability(3, 0.3, false), withProbability(4, 0.05, false));
        BacktestFigures figures = BacktestFigures.of(pairs);
        assertThat(figures.brier()).isEqualByComparingTo("0.1556");
        assertThat(figures.reliability()).extracting(BacktestFigures.ReliabilityRow::from, BacktestFigures.ReliabilityRow::pairs,
                r -> Math.round(r.predicted() * 100), r -> Math.round(r.observed() * 100))
                .containsExactly(org.assertj.core.groups.Tuple.tuple(0.0, 1, 5L, 0L), org.assertj.core.groups.Tuple.tuple(0.3, 2, 30L, 50L),
                        org.assertj.core.groups.Tuple.tuple(0.8, 1, 80L, 100L));
        assertThat(BacktestFigures.of(PAIRS).brier()).as("scores carry no probability").isNull();
        assertThat(BacktestFigures.of(PAIRS).reliability()).isEmpty();
    }

    private static BacktestFigures.Pair withProbability(long id, double p, boolean lost) {
        return new BacktestFigures.Pair(id, "A" + id, "smb", LocalDate.of(2026, 1, 1), BigDecimal.valueOf(100 * (1 - p)), Band.NONE,
                lost, false, p);
    }
}
