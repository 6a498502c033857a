package org.lodestar.usage;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import io.swagger.v3.oas.annotations.media.Schema;

/** The arithmetic of usage metrics, apart from where the numbers come from. */
public final class UsageFigures {

    private UsageFigures() {
    }

    /**
     * Licence utilisation: distinct active users over contracted seats, as a fraction with four
     * decimals; over 1 when more people use the product than pay for it. Null without seats.
     */
    public static BigDecimal utilisation(long activeUsers, long seats) {
        if (seats <= 0) {
            return null;
        }
        return BigDecimal.valueOf(activeUsers).divide(BigDecimal.valueOf(seats), 4, RoundingMode.HALF_UP);
    }

    /**
     * The same licence utilisation as a percentage (two decimals), as scorecards and signal rules state
     * their thresholds. Null without seats.
     */
    public static BigDecimal utilisationPercent(long activeUsers, long seats) {
        BigDecimal fraction = utilisation(activeUsers, seats);
        return fraction == null ? null : fraction.movePointRight(2);
    }

    /** How many contracted modules are in use, and which modules are used without being contracted. */
    public record AdoptionDepth(List<String> contracted, List<String> used, List<String> usedNotContracted,
            BigDecimal depth) {
    }

    /**
     * Adoption depth: contracted modules with any use, over contracted modules (0 to 1, four decimals;
     * null when nothing is contracted). Modules used without a contract are listed apart: they are
     * expansion, not depth.
     */
    public static AdoptionDepth depth(Set<String> contracted, Set<String> used) {
        Set<String> inUse = new TreeSet<>(used);
        inUse.retainAll(contracted);
        Set<String> extra = new TreeSet<>(used);
        extra.removeAll(contracted);
        BigDecimal depth = contracted.isEmpty() ? null
                : BigDecimal.valueOf(inUse.size()).divide(BigDecimal.valueOf(contracted.size()), 4, RoundingMode.HALF_UP);
        return new AdoptionDepth(List.copyOf(new TreeSet<>(contracted)), List.copyOf(inUse), List.copyOf(extra), depth);
    }

    // Named apart from the other Trend types: springdoc names a schema by the simple name.
    /**
     * A measure over the last {@code days} days against the {@code days} before them. The change is a
     * percentage with one decimal; null when the earlier window had nothing to compare with.
     */
    @Schema(name = "UsageTrend")
    public record Trend(String measure, int days, long current, long previous, BigDecimal changePercent) {

        public static Trend of(String measure, int days, long current, long previous) {
            BigDecimal change = previous == 0 ? null
                    : BigDecimal.valueOf(current - previous).multiply(BigDecimal.valueOf(100))
                            .divide(BigDecimal.valueOf(previous), 1, RoundingMode.HALF_UP);
            return new Trend(measure, days, current, previous, change);
        }
    }
}
