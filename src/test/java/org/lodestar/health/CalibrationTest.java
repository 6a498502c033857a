package org.lodestar.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.lodestar.config.ConfigFile;
import org.lodestar.config.ConfigFiles;

/** The fit behind ./lodestar health calibrate, and the candidate file it writes. */
class CalibrationTest {

    /**
     * Outcomes follow the first risk column (logit −3 + 4 × risk), the second is noise, the third is healthy when
     * risky (it lowers churn): the fit finds a clearly positive first weight, a small second, and holds the third at 0.
     */
    @Test
    void theFitFindsWhatPredictsChurnAndKeepsWeightsNonNegative() {
        Random random = new Random(7);
        List<double[]> rows = new ArrayList<>();
        List<Boolean> outcomes = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            double a = random.nextDouble();
            double b = random.nextDouble();
            double c = random.nextDouble();
            double p = 1 / (1 + Math.exp(-(-3 + 4 * a - 2 * c)));
            rows.add(new double[] { a, b, i % 10 == 0 ? Double.NaN : c });
            outcomes.add(random.nextDouble() < p);
        }
        double[] w = Calibration.fit(rows, outcomes);
        assertThat(w[0]).isGreaterThan(2.0);
        assertThat(w[1]).isLessThan(0.5);
        assertThat(w[2]).isZero();
    }

    /** Weights in proportion to the coefficients, adding up to 100; one fitted at 0 keeps a weight of 1. */
    @Test
    void weightsFollowTheCoefficientsAndTheCandidateReadsBackAsWritten() {
        ScorecardReader reader = new ScorecardReader(List.of("enterprise", "mid-market", "smb"));
        ScorecardDefinition standard = reader.readAll(ConfigFiles.load(null, "scorecards")).all().stream()
                .filter(s -> s.name().equals("standard")).findFirst().orElseThrow();
        double[] coefficients = new double[standard.measures().size()];
        coefficients[0] = 3;
        coefficients[1] = 1;
        ScorecardDefinition candidate = Calibration.reweighted(standard, coefficients, java.time.LocalDate.of(2026, 6, 1));
        assertThat(candidate.measures().get(0).weight()).isEqualByComparingTo("75");
        assertThat(candidate.measures().get(1).weight()).isEqualByComparingTo("25");
        assertThat(candidate.measures().get(2).weight()).isEqualByComparingTo("1");
        assertThat(candidate.version()).isEqualTo(standard.version() + "-calibrated-2026-06-01");

        String yaml = ScorecardYaml.write(candidate, List.of("a candidate"));
        ScorecardDefinition read = reader.readOne(new ConfigFile("standard-calibrated.yaml", "standard-calibrated.yaml", yaml));
        assertThat(read.measures()).usingRecursiveFieldByFieldElementComparatorIgnoringFields("weight")
                .isEqualTo(candidate.measures());
        assertThat(read.measures()).extracting(m -> m.weight().stripTrailingZeros())
                .isEqualTo(candidate.measures().stream().map(m -> m.weight().stripTrailingZeros()).toList());
        assertThat(read.critical()).isEqualTo(candidate.critical());
        assertThat(read.bands()).isEqualTo(candidate.bands());
        assertThat(yaml).startsWith("# a candidate\nname: standard\n");
    }
}
