package org.lodestar.revenue;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;

import org.junit.jupiter.api.Test;

class TargetPathTest {

    @Test
    void theGapGrowsInAStraightLineToTheTarget() {
        // Base 4,000,000; GRR 88% → 93% and NRR 102% → 115% over 4 quarters.
        // Expansion rate 14% → 22%. Quarter q: GRR gap 5% × q/4, expansion gap 8% × q/4, times 1,000,000.
        List<TargetPath.Step> steps = TargetPath.steps(new BigDecimal("4000000"), new BigDecimal("0.88"),
                new BigDecimal("1.02"), new BigDecimal("0.93"), new BigDecimal("1.15"), 4);

        assertThat(steps).extracting(TargetPath.Step::churnToSave).containsExactly(new BigDecimal("12500.00"),
                new BigDecimal("25000.00"), new BigDecimal("37500.00"), new BigDecimal("50000.00"));
        assertThat(steps).extracting(TargetPath.Step::expansionToAdd).containsExactly(new BigDecimal("20000.00"),
                new BigDecimal("40000.00"), new BigDecimal("60000.00"), new BigDecimal("80000.00"));
        assertThat(steps.get(1).grr()).isEqualByComparingTo("0.905");
        assertThat(steps.get(1).nrr()).isEqualByComparingTo("1.085");
        assertThat(steps.get(3).nrr()).isEqualByComparingTo("1.15");
    }

    @Test
    void retentionAboveItsTargetCountsTowardNrr() {
        // GRR 100% beats the 93% target and is kept; NRR 100% → 115% is then all expansion: 15% × q/4 of 25,000.
        List<TargetPath.Step> steps = TargetPath.steps(new BigDecimal("100000"), BigDecimal.ONE, BigDecimal.ONE,
                new BigDecimal("0.93"), new BigDecimal("1.15"), 4);

        assertThat(steps).extracting(TargetPath.Step::grr).allSatisfy(grr -> assertThat(grr).isEqualByComparingTo("1"));
        assertThat(steps).extracting(TargetPath.Step::churnToSave).allSatisfy(save -> assertThat(save).isZero());
        assertThat(steps).extracting(TargetPath.Step::expansionToAdd).containsExactly(new BigDecimal("937.50"),
                new BigDecimal("1875.00"), new BigDecimal("2812.50"), new BigDecimal("3750.00"));
    }

    @Test
    void aTargetAlreadyMetNeedsNothing() {
        List<TargetPath.Step> steps = TargetPath.steps(new BigDecimal("1000000"), new BigDecimal("0.95"),
                new BigDecimal("1.20"), new BigDecimal("0.90"), new BigDecimal("1.10"), 2);

        assertThat(steps).allSatisfy(step -> {
            assertThat(step.churnToSave()).isZero();
            assertThat(step.expansionToAdd()).isZero();
        });
    }
}
