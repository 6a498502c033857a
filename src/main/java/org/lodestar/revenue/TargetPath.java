package org.lodestar.revenue;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/**
 * The arithmetic of the target planner, for one segment. Annual rates move in a straight line from
 * today's to the target over the quarters: in quarter {@code q} of {@code n} the NRR to reach is
 * {@code current + (target − current) × q / n}, and so is the GRR unless today's GRR already beats its
 * target (then it is kept, not planned down). A quarter's churn ARR to save is the GRR to reach minus
 * today's, times a quarter of the base ARR; its expansion ARR to add is the expansion rate the path
 * needs ({@code NRR − GRR} of the quarter) minus today's, times a quarter of the base. Retention above
 * target thus counts toward NRR; an amount is never negative.
 */
public final class TargetPath {

    private static final BigDecimal FOUR = BigDecimal.valueOf(4);

    private TargetPath() {
    }

    public record Step(int quarter, BigDecimal grr, BigDecimal nrr, BigDecimal churnToSave, BigDecimal expansionToAdd) {
    }

    public static List<Step> steps(BigDecimal baseArr, BigDecimal currentGrr, BigDecimal currentNrr, BigDecimal targetGrr,
            BigDecimal targetNrr, int quarters) {
        BigDecimal currentExpansion = currentNrr.subtract(currentGrr);
        BigDecimal quarterBase = baseArr.divide(FOUR, 10, RoundingMode.HALF_EVEN);
        List<Step> steps = new ArrayList<>();
        for (int q = 1; q <= quarters; q++) {
            BigDecimal share = BigDecimal.valueOf(q).divide(BigDecimal.valueOf(quarters), 10, RoundingMode.HALF_EVEN);
            BigDecimal grr = along(currentGrr, targetGrr.max(currentGrr), share);
            BigDecimal nrr = along(currentNrr, targetNrr, share);
            BigDecimal save = grr.subtract(currentGrr).multiply(quarterBase);
            BigDecimal add = nrr.subtract(grr).subtract(currentExpansion).max(BigDecimal.ZERO).multiply(quarterBase);
            steps.add(new Step(q, grr.setScale(4, RoundingMode.HALF_EVEN), nrr.setScale(4, RoundingMode.HALF_EVEN),
                    save.setScale(2, RoundingMode.HALF_EVEN), add.setScale(2, RoundingMode.HALF_EVEN)));
        }
        return steps;
    }

    private static BigDecimal along(BigDecimal from, BigDecimal to, BigDecimal share) {
        return from.add(to.subtract(from).multiply(share));
    }
}
