package org.lodestar.health;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * One measure's part in a score. {@code value} is what was scored (the carried value when the
 * policy carried one); {@code missing} says the input had no data on the date; {@code policy}
 * names the missing-data policy that applied, null when the data was there. {@code share} is the
 * measure's weight as a percentage of the weights that counted; {@code contribution} =
 * sub-score × share, and the contributions add up to the score. A measure whose input counted no trouble (0
 * tickets, nothing overdue) is not counted, under the policy {@link #QUIET}, unless its scorecard says
 * {@code quiet: score}. A critical condition that held is a line too ({@link #critical()}): weight 0, and the
 * contribution is the cut it made to cap the score (0 when the score was already within its band).
 */
public record MeasureResult(String key, String label, MeasureGroup group, MeasureInput input, int windowDays,
        BigDecimal value, LocalDate observedOn, BigDecimal subScore, BigDecimal weight, BigDecimal share,
        BigDecimal contribution, boolean missing, String policy) {

    /** The policy of a measure left out because its input counted no trouble. */
    public static final String QUIET = "nothing happened: not counted";
    /** The start of the policy of a critical condition's line. */
    public static final String CRITICAL = "critical: at most ";

    /** Whether the measure is part of the score: it has a sub-score and a contribution (none when there is no score). */
    public boolean counted() {
        return subScore != null && contribution != null;
    }

    /** A line for a critical condition that held, rather than a measure. */
    public boolean critical() {
        return policy != null && policy.startsWith(CRITICAL);
    }
}
