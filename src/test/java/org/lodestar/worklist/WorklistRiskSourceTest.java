package org.lodestar.worklist;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;

import org.junit.jupiter.api.Test;
import org.lodestar.worklist.WorklistRanking.RiskSource;

/** The worklist's risk from the scorecard, the churn model or both (lodestar.worklist.risk), by hand. */
class WorklistRiskSourceTest {

    static final LocalDate TODAY = LocalDate.of(2026, 6, 30);

    /** A green account of 100,000 ARR renewing in 45 days (value 2.0414, urgency 2.5) that the model rates at 1.0. */
    private static WorklistRanking.Priority greenAccountTheModelFears(RiskSource source) {
        return WorklistRanking.priority(new WorklistRanking.Input("green", 1.0, null, new BigDecimal("100000"),
                TODAY.plusDays(45), null, false), TODAY, source);
    }

    @Test
    void theScorecardSaysGreenTheModelSaysHighAndBothTakesTheHigher() {
        // Scorecard: 0.3 × 2.0414 × 2.5 = 1.53. Model and both: 1.0 × 2.0414 × 2.5 = 5.10.
        assertThat(greenAccountTheModelFears(RiskSource.SCORECARD).score()).isEqualByComparingTo("1.53");
        assertThat(greenAccountTheModelFears(RiskSource.MODEL).score()).isEqualByComparingTo("5.10");
        assertThat(greenAccountTheModelFears(RiskSource.BOTH).score()).isEqualByComparingTo("5.10");
    }

    @Test
    void aRedAccountTheModelDoesNotFear() {
        // Red (1.0) and model 0.3: scorecard 1.0, model 0.3, both 1.0; × 2.0414 × 2.5.
        WorklistRanking.Input red = new WorklistRanking.Input("red", 0.3, null, new BigDecimal("100000"), TODAY.plusDays(45),
                null, false);
        assertThat(WorklistRanking.priority(red, TODAY, RiskSource.MODEL).risk()).isEqualByComparingTo("0.30");
        assertThat(WorklistRanking.priority(red, TODAY, RiskSource.BOTH).risk()).isEqualByComparingTo("1.00");
        // Not scored by the model: 0.5, as for an unscored band.
        WorklistRanking.Input unscored = new WorklistRanking.Input("green", null, null, BigDecimal.ZERO, null, null, false);
        assertThat(WorklistRanking.priority(unscored, TODAY, RiskSource.MODEL).risk()).isEqualByComparingTo("0.50");
    }

    @Test
    void theModelsProbabilityAsARiskLevelAgainstTheBooksRate() {
        // Book rate 5%: 10% or more is 1.0, 5% to 10% is 0.6, under 5% is 0.3.
        assertThat(WorklistRanking.modelRisk(new BigDecimal("0.10"), 0.05)).isEqualTo(1.0);
        assertThat(WorklistRanking.modelRisk(new BigDecimal("0.05"), 0.05)).isEqualTo(0.6);
        assertThat(WorklistRanking.modelRisk(new BigDecimal("0.049"), 0.05)).isEqualTo(0.3);
        assertThat(WorklistRanking.modelRisk(null, 0.05)).isNull();
    }
}
