package org.lodestar.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.lodestar.health.ChurnModel.Contribution;
import org.lodestar.health.ChurnModel.Kind;
import org.lodestar.health.ChurnModel.Term;

/** The churn model's arithmetic: log-odds, probability and contributions by hand; the fit and Platt scaling on known data. */
class ChurnModelTest {

    private static final LocalDate DAY = LocalDate.of(2026, 6, 30);

    /** Intercept −2; utilisation (mean 50, sd 20, −0.5), NPS (mean 30, sd 10, −0.3) and its "no data" (rate 0.25, +0.8), smb (rate 0.5, +0.4). */
    private static final ChurnModel HAND = new ChurnModel(90, -2, List.of(
            new Term("licence-utilisation", Kind.VALUE, null, 50, 20, -0.5),
            new Term("nps", Kind.VALUE, null, 30, 10, -0.3),
            new Term("nps", Kind.MISSING, null, 0.25, 1, 0.8),
            new Term(ChurnModel.SEGMENT, Kind.SEGMENT, "smb", 0.5, 1, 0.4)));

    private static ChurnRow row(long id, String segment, Map<ChurnFeature, Double> values) {
        return new ChurnRow(id, DAY, segment, BigDecimal.valueOf(60000), values);
    }

    @Test
    void contributionsAddUpToTheLogOddsByHand() {
        // Utilisation 10%: (10 − 50) / 20 = −2 sd × −0.5 = +1.0. NPS missing: its value term counts the mean (0), the
        // indicator (1 − 0.25) × 0.8 = +0.6. smb: (1 − 0.5) × 0.4 = +0.2. Log-odds −2 + 1.0 + 0.6 + 0.2 = −0.2.
        ChurnRow row = row(1, "smb", Map.of(ChurnFeature.LICENCE_UTILISATION, 10.0));

        assertThat(HAND.logit(row)).isCloseTo(-0.2, within(1e-12));
        assertThat(HAND.probability(row)).isCloseTo(1 / (1 + Math.exp(0.2)), within(1e-12)); // 0.450166
        List<Contribution> contributions = HAND.contributions(row);
        assertThat(contributions).extracting(Contribution::feature).containsExactly("licence-utilisation", "nps", "segment");
        assertThat(contributions).extracting(Contribution::value).containsExactly("10%", "no data", "smb");
        assertThat(contributions.get(0).logOdds()).isCloseTo(1.0, within(1e-12));
        assertThat(contributions.get(1).logOdds()).isCloseTo(0.6, within(1e-12));
        assertThat(contributions.get(2).logOdds()).isCloseTo(0.2, within(1e-12));
        assertThat(contributions.get(0).oddsRatio()).isCloseTo(Math.E, within(1e-12));
        assertThat(contributions.get(0).phrase()).isEqualTo("licence utilisation (30d) 10%");
        assertThat(new Contribution("champion", ChurnFeature.CHAMPION.label(), "no", 1).phrase()).isEqualTo("no champion in place");
        assertThat(new Contribution("detractor", ChurnFeature.DETRACTOR.label(), "yes", 1).phrase()).isEqualTo("an NPS detractor (180d)");
    }

    @Test
    void anAverageAccountContributesLittleAndAnswersThatLowerTheRiskAreNegative() {
        // Utilisation 90%: +2 sd × −0.5 = −1.0; NPS 40: +1 sd × −0.3 = −0.3, present: (0 − 0.25) × 0.8 = −0.2, so −0.5;
        // enterprise: (0 − 0.5) × 0.4 = −0.2. Log-odds −2 − 1.0 − 0.5 − 0.2 = −3.7.
        ChurnRow row = row(2, "enterprise", Map.of(ChurnFeature.LICENCE_UTILISATION, 90.0, ChurnFeature.NPS, 40.0));

        assertThat(HAND.logit(row)).isCloseTo(-3.7, within(1e-12));
        assertThat(HAND.contributions(row)).extracting(Contribution::logOdds)
                .satisfiesExactly(c -> assertThat(c).isCloseTo(-1.0, within(1e-12)), c -> assertThat(c).isCloseTo(-0.5, within(1e-12)),
                        c -> assertThat(c).isCloseTo(-0.2, within(1e-12)));
    }

    @Test
    void plattScalingFoldsIntoTheTermsSoTheyStillExplainTheProbability() {
        ChurnModel calibrated = HAND.calibrated(new ChurnModel.Platt(0.5, -1));
        ChurnRow row = row(1, "smb", Map.of(ChurnFeature.LICENCE_UTILISATION, 10.0));

        // 0.5 × −0.2 − 1 = −1.1; the contributions halve: 0.5, 0.3, 0.1; the intercept 0.5 × −2 − 1 = −2.
        assertThat(calibrated.logit(row)).isCloseTo(-1.1, within(1e-12));
        assertThat(calibrated.intercept()).isCloseTo(-2, within(1e-12));
        double sum = calibrated.contributions(row).stream().mapToDouble(Contribution::logOdds).sum();
        assertThat(sum).isCloseTo(0.9, within(1e-12));
    }

    @Test
    void heavyTailedCountsEnterOnALogScale() {
        assertThat(ChurnFeature.OLDEST_OPEN_TICKET_DAYS.scaled(Math.E - 1)).isCloseTo(1, within(1e-12));
        assertThat(ChurnFeature.USAGE_TREND.scaled(900)).isEqualTo(200);
        assertThat(ChurnFeature.NPS.scaled(7)).isEqualTo(7);
        assertThat(ChurnFeature.LOG_ARR.describe(Math.log1p(60000))).isEqualTo("$60,000");
        assertThat(ChurnFeature.SPONSOR.describe(0.0)).isEqualTo("no");
    }

    @Test
    void theFitFindsWhatRaisesChurnAndItsContributionsAddUp() {
        // Churn is likely with low utilisation and an urgent ticket, whatever the segment; NPS is noise.
        SplittableRandom random = new SplittableRandom(7);
        List<ChurnRow> rows = new ArrayList<>();
        boolean[] outcomes = new boolean[4000];
        for (int i = 0; i < outcomes.length; i++) {
            double utilisation = random.nextDouble(0, 100);
            double urgent = random.nextInt(10) == 0 ? 1 : 0;
            Map<ChurnFeature, Double> values = new EnumMap<>(ChurnFeature.class);
            values.put(ChurnFeature.LICENCE_UTILISATION, utilisation);
            values.put(ChurnFeature.URGENT_OPEN_TICKETS, urgent);
            if (random.nextBoolean()) {
                values.put(ChurnFeature.NPS, (double) random.nextInt(11));
            }
            double logit = -1 - 0.04 * (utilisation - 50) + 2 * urgent;
            outcomes[i] = random.nextDouble() < 1 / (1 + Math.exp(-logit));
            rows.add(row(i, i % 2 == 0 ? "smb" : "enterprise", values));
        }

        ChurnModel model = ChurnModel.fit(90, rows, outcomes, 42);

        Map<String, Double> weights = new HashMap<>();
        model.terms().forEach(t -> weights.put(t.feature() + "/" + t.kind() + "/" + t.segment(), t.coefficient()));
        // Per standard deviation: utilisation sd ≈ 28.9, so −0.04 × 28.9 ≈ −1.15; urgent sd 0.3, so 2 × 0.3 ≈ +0.6.
        assertThat(weights.get("licence-utilisation/VALUE/null")).isBetween(-1.5, -0.8);
        assertThat(weights.get("urgent-open-tickets/VALUE/null")).isBetween(0.3, 0.9);
        assertThat(Math.abs(weights.get("nps/VALUE/null"))).isLessThan(0.2);
        double[] p = rows.stream().mapToDouble(model::probability).toArray();
        // The rule's own log-odds rank these rows with an AUC of about 0.8 (the outcomes are drawn); the fit comes close.
        assertThat(ClassifierMetrics.auc(p, outcomes)).isGreaterThan(0.75);
        for (ChurnRow r : rows.subList(0, 20)) {
            double sum = model.contributions(r).stream().mapToDouble(Contribution::logOdds).sum();
            assertThat(model.intercept() + sum).isCloseTo(model.logit(r), within(1e-9));
        }
    }

    @Test
    void plattScalingRecoversAKnownSlopeAndOffset() {
        SplittableRandom random = new SplittableRandom(11);
        int n = 20000;
        double[] logits = new double[n];
        boolean[] outcomes = new boolean[n];
        for (int i = 0; i < n; i++) {
            logits[i] = random.nextDouble(-6, 6);
            outcomes[i] = random.nextDouble() < 1 / (1 + Math.exp(-(0.5 * logits[i] - 1)));
        }
        ChurnModel.Platt platt = ChurnModel.Platt.fit(logits, outcomes);
        assertThat(platt.slope()).isCloseTo(0.5, within(0.05));
        assertThat(platt.offset()).isCloseTo(-1, within(0.1));
    }
}
